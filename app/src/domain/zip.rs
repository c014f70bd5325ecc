//! US ZIP codes, as every form that asks for one accepts them.

/// Five digits, optionally ZIP+4 (`90069` or `90069-1234`).
pub fn valid_zip(zip: &str) -> bool {
    let bytes = zip.as_bytes();
    let five = |b: &[u8]| b.len() == 5 && b.iter().all(u8::is_ascii_digit);
    five(bytes)
        || (bytes.len() == 10
            && five(&bytes[..5])
            && bytes[5] == b'-'
            && bytes[6..].iter().all(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use super::valid_zip;

    #[test]
    fn five_digits_or_zip_plus_four() {
        for good in ["90069", "90069-1234"] {
            assert!(valid_zip(good), "{good}");
        }
        for bad in ["9006", "900691", "90069-12", "9006a", "90069 1234", ""] {
            assert!(!valid_zip(bad), "{bad}");
        }
    }
}
