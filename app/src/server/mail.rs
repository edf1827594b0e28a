//! Writing the messages Heard sends, in the respondent's language. They
//! are queued in the outbox; delivery is separate.

use super::store::outbox::Message;
use crate::{
    i18n::{I18nLocaleTrait, Locale, td_string},
    i18n_support::fill,
};

/// The interface locale for a language code, or the default one.
pub fn locale(code: &str) -> Locale {
    Locale::get_all()
        .iter()
        .copied()
        .find(|l| l.as_str() == code)
        .unwrap_or_default()
}

/// "Your code to come back": sent when a respondent saves and asks for it.
pub fn resume_message(
    locale_code: &str,
    to: &str,
    survey: &str,
    code: &str,
    link: &str,
    date: &str,
) -> Message {
    let l = locale(locale_code);
    let values = [
        ("survey", survey),
        ("code", code),
        ("link", link),
        ("date", date),
    ];
    Message {
        kind: "resume_code",
        to: to.to_owned(),
        locale: l.as_str().to_owned(),
        subject: fill(td_string!(l, saved.email_subject), &values),
        body_text: fill(td_string!(l, saved.email_body), &values),
        body_html: None,
        unsubscribe: None,
        response: None,
    }
}

/// Why an account email is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountMail {
    /// An admin invited someone to Heard.
    Invitation,
    /// Someone asked to reset a forgotten password.
    Reset,
}

/// An invitation or password-reset message with its one-time link.
pub fn account_message(
    locale_code: &str,
    to: &str,
    name: &str,
    link: &str,
    kind: AccountMail,
) -> Message {
    let l = locale(locale_code);
    let values = [("name", name), ("link", link)];
    let (kind, subject, body) = match kind {
        AccountMail::Invitation => (
            "invitation",
            td_string!(l, officer_mail.invite_subject),
            td_string!(l, officer_mail.invite_body),
        ),
        AccountMail::Reset => (
            "password_reset",
            td_string!(l, officer_mail.reset_subject),
            td_string!(l, officer_mail.reset_body),
        ),
    };
    Message {
        kind,
        to: to.to_owned(),
        locale: l.as_str().to_owned(),
        subject: fill(subject, &values),
        body_text: fill(body, &values),
        body_html: None,
        unsubscribe: None,
        response: None,
    }
}

/// To each admin, the hour a survey's wrong codes pass their budget
/// ([`crate::server::journey::guessing`]).
pub fn guessing_alert(
    locale_code: &str,
    to: &str,
    survey: &str,
    budget: i32,
    link: &str,
) -> Message {
    let l = locale(locale_code);
    let budget = budget.to_string();
    let values = [("survey", survey), ("n", budget.as_str()), ("link", link)];
    Message {
        kind: "codes_guessed",
        to: to.to_owned(),
        locale: l.as_str().to_owned(),
        subject: fill(td_string!(l, code_alert.subject), &values),
        body_text: fill(td_string!(l, code_alert.body), &values),
        body_html: None,
        unsubscribe: None,
        response: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_messages_carry_the_code_and_link_in_the_respondents_language() {
        let m = resume_message(
            "pl",
            "a@b.example",
            "Ankieta",
            "K7M4-Q2XP",
            "http://x/s/a/return",
            "2026-12-22",
        );
        assert_eq!(m.locale, "pl");
        assert!(m.subject.contains("Ankieta"));
        assert!(m.body_text.contains("K7M4-Q2XP") && m.body_text.contains("http://x/s/a/return"));
        assert!(m.body_text.contains("2026-12-22"));
        assert_eq!(
            resume_message("xx", "a@b.example", "S", "C", "L", "D").locale,
            "en"
        );
    }

    #[test]
    fn account_messages_carry_their_link() {
        let m = account_message(
            "en",
            "sam@example.org",
            "Sam",
            "http://x/officer/set-password?token=abc",
            AccountMail::Invitation,
        );
        assert_eq!(m.kind, "invitation");
        assert!(m.body_text.contains("Sam") && m.body_text.contains("token=abc"));
        let r = account_message(
            "en",
            "sam@example.org",
            "Sam",
            "http://x/l",
            AccountMail::Reset,
        );
        assert_eq!(r.kind, "password_reset");
        assert!(r.body_text.contains("http://x/l"));
        assert_ne!(m.subject, r.subject);
    }
}
