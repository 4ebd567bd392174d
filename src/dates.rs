//! Calendar days as the files write them (`YYYY-MM-DD`): reading one, counting days between
//! them, going back whole months, and today's. The one place the app does date arithmetic.
//!
//! Pure functions except [`today`], which reads the clock (or `SOURCE_DATE_EPOCH`).

/// A `YYYY-MM-DD` day at the start of `text`, as (year, month, day); `None` for anything else,
/// a day that does not exist (`2026-02-30`) included.
pub(crate) fn day(text: &str) -> Option<(i32, u32, u32)> {
    let b = text.as_bytes();
    if b.len() < 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !b[..10].iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    let (y, m, d) = (text[..4].parse().ok()?, text[5..7].parse().ok()?, text[8..10].parse().ok()?);
    ((1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d)).then_some((y, m, d))
}

/// How many days month `m` (1–12) of year `y` has.
pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The day `months` months before `date` (`YYYY-MM-DD`), the day of month kept where it exists.
pub(crate) fn months_before(date: &str, months: u32) -> Option<String> {
    let (y, m, d) = day(date)?;
    let total = y * 12 + (m as i32 - 1) - months as i32;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    Some(format!("{y:04}-{m:02}-{:02}", d.min(days_in_month(y, m))))
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` day (Howard Hinnant's days-from-civil).
pub(crate) fn day_number(date: &str) -> Option<i64> {
    let (y, m, d) = day(date)?;
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Civil date of a Unix time (the inverse of [`day_number`], per day).
pub(crate) fn date_from_unix(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Today's date (UTC) as `YYYY-MM-DD`; `SOURCE_DATE_EPOCH` pins it for reproducible reports.
pub(crate) fn today() -> String {
    let secs =
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        });
    date_from_unix(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_yyyy_mm_dd_and_exists() {
        assert_eq!(day("2026-11-28"), Some((2026, 11, 28)));
        assert_eq!(day("2026-11-28T10:00:00Z"), Some((2026, 11, 28)), "the day at the start of a time");
        for not_a_day in [
            "soon",
            "2026-11-2",
            "2026-11/28",
            "2026/11-28",
            "2026-11128",
            "202611-28",
            "2026-1x-28",
            "2026-11-2x",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2025-02-29",
        ] {
            assert_eq!(day(not_a_day), None, "{not_a_day}");
        }
        assert_eq!(day("2024-02-29"), Some((2024, 2, 29)), "a leap day");
    }

    #[test]
    fn dates_are_civil() {
        assert_eq!(date_from_unix(0), "1970-01-01");
        assert_eq!(date_from_unix(951_782_400), "2000-02-29");
        assert_eq!(date_from_unix(1_795_651_200), "2026-11-26");
    }

    #[test]
    fn day_numbers_count_from_1970_and_invert_date_from_unix() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2026-12-07").unwrap() - day_number("2026-09-07").unwrap(), 91);
        assert_eq!(day_number("2026-02-30"), None);
        for day in ["1969-12-31", "2000-02-29", "2026-11-26", "2100-03-01"] {
            let n = day_number(day).unwrap();
            assert_eq!(date_from_unix(n * 86_400), day);
        }
    }

    #[test]
    fn months_before_keeps_the_day_where_the_month_has_it() {
        assert_eq!(months_before("2026-11-28", 6).as_deref(), Some("2026-05-28"));
        assert_eq!(months_before("2026-08-31", 6).as_deref(), Some("2026-02-28"));
        assert_eq!(months_before("2028-08-31", 6).as_deref(), Some("2028-02-29"));
        assert_eq!(months_before("2026-03-15", 6).as_deref(), Some("2025-09-15"));
        assert_eq!(months_before("2026-10-31", 6).as_deref(), Some("2026-04-30"), "April has 30 days");
        assert_eq!(months_before("2100-08-31", 6).as_deref(), Some("2100-02-28"), "a century is no leap year");
        assert_eq!(months_before("2000-08-31", 6).as_deref(), Some("2000-02-29"), "unless divisible by 400");
        assert_eq!(months_before("soon", 6), None);
    }
}
