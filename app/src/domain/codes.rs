//! Receipt and resume codes: short, easy to read aloud and to copy by hand.
//!
//! Eight characters from an alphabet without look-alikes (of each pair
//! 0/O, 1/I/L, 5/S, 8/B and 2/Z only one side is kept), shown as two groups
//! of four: `K7M4-Q2XP`. That is about 38 bits; guessing is made hopeless by
//! rate-limiting lookups, not by length.

/// The characters a code is made of.
pub const ALPHABET: &[u8; 27] = b"ACDEFGHJKMNPQRTUVWXY2346789";

/// Characters in a code, without the hyphen.
pub const LENGTH: usize = 8;

/// Builds a code from a source of random numbers below `ALPHABET.len()`.
pub fn generate(mut random_index: impl FnMut(usize) -> usize) -> String {
    let chars: String = (0..LENGTH)
        .map(|_| char::from(ALPHABET[random_index(ALPHABET.len()) % ALPHABET.len()]))
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// Reads a code as a person typed it: any case, with or without the hyphen
/// or spaces. Returns the stored form, or None if it cannot be a code.
pub fn normalise(typed: &str) -> Option<String> {
    let chars: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = chars.len() == LENGTH && chars.bytes().all(|b| ALPHABET.contains(&b));
    valid.then(|| format!("{}-{}", &chars[..4], &chars[4..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_two_groups_of_four_unambiguous_characters() {
        let mut n = 0;
        let code = generate(|len| {
            n += 7;
            n % len
        });
        assert_eq!(code.len(), 9);
        assert_eq!(&code[4..5], "-");
        for c in "0O1ILS5BZ".chars() {
            assert!(!code.contains(c), "{code}");
        }
        assert_eq!(normalise(&code).as_deref(), Some(code.as_str()));
    }

    #[test]
    fn typed_codes_are_forgiving_about_case_and_spacing_only() {
        assert_eq!(normalise(" k7m4 q2xp ").as_deref(), Some("K7M4-Q2XP"));
        assert_eq!(normalise("k7m4-q2xp").as_deref(), Some("K7M4-Q2XP"));
        assert_eq!(normalise("K7M4-Q2X"), None);
        assert_eq!(normalise("K7M4-Q2X0"), None);
        assert_eq!(normalise("<script>"), None);
        assert_eq!(normalise(""), None);
    }
}
