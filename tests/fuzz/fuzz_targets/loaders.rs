//! Any bytes, as a questionnaire and as a session; a session that loads is also scored and
//! rendered. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mlops_maturity::{files, questionnaire, report, session};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = files::decode_text(data) else { return };
    let _ = questionnaire::parse(&text, "fuzz.yaml");
    if let Ok(s) = session::parse(&text, "fuzz.yaml")
        && let Some(q) = questionnaire::built_in("mlops-quick")
    {
        let r = report::build(&q, &[report::SessionInput { file_name: "fuzz.yaml".into(), session: &s }], None, "");
        let _ = report::render_markdown(&r);
        let _ = report::to_json(&r);
        let _ = session::parse(&s.to_yaml(), "again.yaml").expect("a saved session reads back");
    }
});
