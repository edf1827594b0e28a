//! Writing the messages Heard sends, in the respondent's language. They
//! are queued in the outbox; delivery is separate.

use super::store::{
    outbox::{self, Message},
    users::LinkPurpose,
};
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
        link: None,
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

/// An invitation or password-reset message to account `user`. Its
/// one-time link is issued as it is sent ([`outbox::LINK_SLOT`]).
pub fn account_message(
    locale_code: &str,
    user: i32,
    to: &str,
    name: &str,
    kind: AccountMail,
) -> Message {
    let l = locale(locale_code);
    let values = [("name", name), ("link", outbox::LINK_SLOT)];
    let (kind, subject, body, purpose) = match kind {
        AccountMail::Invitation => (
            "invitation",
            td_string!(l, officer_mail.invite_subject),
            td_string!(l, officer_mail.invite_body),
            LinkPurpose::Invite,
        ),
        AccountMail::Reset => (
            "password_reset",
            td_string!(l, officer_mail.reset_subject),
            td_string!(l, officer_mail.reset_body),
            LinkPurpose::Reset,
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
        link: Some((user, purpose)),
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
        link: None,
    }
}

/// The message as it goes out. An invitation or reset gets its one-time
/// link now, issued in its own transaction and put in its slot; the row
/// keeps the slot, so the outbox never holds a live link. None when the
/// account is gone or switched off: the message is given up.
pub async fn with_link(
    db: &sea_orm::DatabaseConnection,
    mut message: crate::server::entities::outbox::Model,
    base_url: &str,
) -> Result<Option<crate::server::entities::outbox::Model>, sea_orm::DbErr> {
    let (Some(user), Some(purpose)) = (message.link_user_id, message.link_purpose) else {
        return Ok(Some(message));
    };
    let txn = crate::server::db::begin_write(db).await?;
    let active = super::store::users::by_id(&txn, user)
        .await?
        .is_some_and(|u| u.active);
    if !active {
        return Ok(None);
    }
    let secret = super::store::users::issue_link(&txn, user, purpose).await?;
    txn.commit().await?;
    let link = format!("{base_url}{}", crate::paths::set_password_link(&secret));
    message.body_text = message.body_text.replace(outbox::LINK_SLOT, &link);
    message.body_html = message
        .body_html
        .map(|html| html.replace(outbox::LINK_SLOT, &link));
    Ok(Some(message))
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
    fn account_messages_leave_a_slot_for_a_link_made_when_sent() {
        let m = account_message("en", 7, "sam@example.org", "Sam", AccountMail::Invitation);
        assert_eq!(m.kind, "invitation");
        assert!(m.body_text.contains("Sam") && m.body_text.contains(outbox::LINK_SLOT));
        assert!(!m.body_text.contains("set-password"));
        assert_eq!(m.link, Some((7, LinkPurpose::Invite)));
        let r = account_message("en", 7, "sam@example.org", "Sam", AccountMail::Reset);
        assert_eq!(r.kind, "password_reset");
        assert_eq!(r.link, Some((7, LinkPurpose::Reset)));
        assert_ne!(m.subject, r.subject);
    }
}
