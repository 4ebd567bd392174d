//! The interactive assessment.

use crate::commands::AssessArgs;
use std::process::ExitCode;

pub fn run(_args: AssessArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the interactive assessment is not built yet; use `mlops-maturity report`")
}
