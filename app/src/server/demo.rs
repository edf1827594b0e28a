//! The demo partnership: a neutral borough whose content is drawn from real
//! SEND joint-commissioning plans (the outcomes framework, the five
//! priorities and a Big SEND Survey).
//!
//! Loaded once per database: a marker in `app_meta` records it, so running
//! `make run` again keeps whatever the demo has become.

use super::{
    db::begin_write,
    entities::{
        outcome, priority, question, question_option, question_outcome, question_priority, survey,
    },
    store::meta,
};
use crate::domain::{localized::LocalizedText, survey::QuestionKind};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, NotSet};

/// The `app_meta` key that marks the demo as loaded.
pub const LOADED_KEY: &str = "demo_loaded_at";
/// The demo survey's address: `/s/big-send-survey`.
pub const SURVEY_SLUG: &str = "big-send-survey";

fn lt(en: &str, ur: &str, pl: &str) -> LocalizedText {
    LocalizedText::from_pairs([("en", en), ("ur", ur), ("pl", pl)])
}

/// Loads the demo unless this database already has it. Returns whether it loaded.
pub async fn load_once(db: &DatabaseConnection) -> Result<bool, DbErr> {
    let txn = begin_write(db).await?;
    if meta::get(&txn, LOADED_KEY).await?.is_some() {
        txn.rollback().await?;
        return Ok(false);
    }
    let outcomes = insert_outcomes(&txn).await?;
    let priorities = insert_priorities(&txn).await?;
    insert_survey(&txn, &outcomes, &priorities).await?;
    meta::set(&txn, LOADED_KEY, &Utc::now().to_rfc3339()).await?;
    txn.commit().await?;
    Ok(true)
}

/// The outcomes framework's "I statements", keyed for tagging.
const OUTCOMES: [(&str, &str, &str, &str); 7] = [
    (
        "heard",
        "I am heard",
        "میری بات سنی جاتی ہے",
        "Mój głos jest słyszany",
    ),
    (
        "included",
        "I am included in my community",
        "میں اپنی برادری میں شامل ہوں",
        "Jestem częścią mojej społeczności",
    ),
    (
        "family-supported",
        "My family is supported",
        "میرے خاندان کو مدد ملتی ہے",
        "Moja rodzina otrzymuje wsparcie",
    ),
    (
        "healthy",
        "I am as healthy as possible",
        "میں جتنا ممکن ہو صحت مند ہوں",
        "Jestem tak zdrowy/zdrowa, jak to możliwe",
    ),
    (
        "ambitious",
        "I am ambitious",
        "میں پُرعزم ہوں",
        "Mam ambicje",
    ),
    (
        "emotionally-well",
        "I am emotionally well",
        "میں جذباتی طور پر ٹھیک ہوں",
        "Dobrze się czuję emocjonalnie",
    ),
    (
        "safe",
        "I am and feel safe",
        "میں محفوظ ہوں اور محفوظ محسوس کرتا/کرتی ہوں",
        "Jestem i czuję się bezpiecznie",
    ),
];

/// The five priorities of the joint commissioning framework.
const PRIORITIES: [(&str, &str, &str); 5] = [
    ("Inclusion", "شمولیت", "Włączenie"),
    (
        "Improve health outcomes",
        "صحت کے نتائج میں بہتری",
        "Lepsze wyniki zdrowotne",
    ),
    (
        "Right support at the right time",
        "صحیح وقت پر صحیح مدد",
        "Właściwe wsparcie we właściwym czasie",
    ),
    (
        "Engagement and co-production",
        "شرکت اور مشترکہ تیاری",
        "Zaangażowanie i współtworzenie",
    ),
    (
        "Improved social inclusion",
        "بہتر سماجی شمولیت",
        "Lepsza integracja społeczna",
    ),
];

async fn insert_outcomes(txn: &impl sea_orm::ConnectionTrait) -> Result<Vec<(String, i32)>, DbErr> {
    let mut ids = Vec::new();
    for (position, (key, en, ur, pl)) in (0..).zip(OUTCOMES) {
        let row = outcome::ActiveModel {
            id: NotSet,
            key: Set(key.to_owned()),
            title: Set(lt(en, ur, pl)),
            description: Set(None),
            position: Set(position),
            retired: Set(false),
        }
        .insert(txn)
        .await?;
        ids.push((key.to_owned(), row.id));
    }
    Ok(ids)
}

async fn insert_priorities(txn: &impl sea_orm::ConnectionTrait) -> Result<Vec<i32>, DbErr> {
    let mut ids = Vec::new();
    for (number, (en, ur, pl)) in (1..).zip(PRIORITIES) {
        let row = priority::ActiveModel {
            id: NotSet,
            number: Set(number),
            title: Set(lt(en, ur, pl)),
            description: Set(None),
            retired: Set(false),
        }
        .insert(txn)
        .await?;
        ids.push(row.id);
    }
    Ok(ids)
}

/// One demo question: kind, prompt, help, options (value, label), outcome keys, priority numbers.
struct DemoQuestion {
    kind: QuestionKind,
    required: bool,
    max_length: Option<i32>,
    prompt: LocalizedText,
    help: Option<LocalizedText>,
    options: Vec<(&'static str, LocalizedText)>,
    outcomes: &'static [&'static str],
    priorities: &'static [usize],
}

fn demo_questions() -> Vec<DemoQuestion> {
    vec![
        DemoQuestion {
            kind: QuestionKind::SingleChoice,
            required: true,
            max_length: None,
            prompt: lt(
                "Who is answering this survey?",
                "یہ سروے کون پُر کر رہا ہے؟",
                "Kto wypełnia tę ankietę?",
            ),
            help: Some(lt(
                "If you are helping someone to answer, choose the person whose views these are.",
                "اگر آپ کسی کی جواب دینے میں مدد کر رہے ہیں تو اُس شخص کو چنیں جس کی یہ رائے ہے۔",
                "Jeśli pomagasz komuś odpowiedzieć, wybierz osobę, której zdanie tu wyrażasz.",
            )),
            options: vec![
                (
                    "parent-carer",
                    lt(
                        "A parent or carer",
                        "والدین یا دیکھ بھال کرنے والا",
                        "Rodzic lub opiekun",
                    ),
                ),
                (
                    "child-young-person",
                    lt(
                        "A child or young person (up to 25)",
                        "بچہ یا نوجوان (25 سال تک)",
                        "Dziecko lub młoda osoba (do 25 lat)",
                    ),
                ),
                (
                    "professional",
                    lt("A professional", "پیشہ ور", "Specjalista"),
                ),
            ],
            outcomes: &[],
            priorities: &[],
        },
        DemoQuestion {
            kind: QuestionKind::SingleChoice,
            required: false,
            max_length: None,
            prompt: lt(
                "How easy is it to find local information about SEND support, for example on the Local Offer?",
                "SEND مدد کے بارے میں مقامی معلومات تلاش کرنا کتنا آسان ہے، مثلاً لوکل آفر پر؟",
                "Jak łatwo jest znaleźć lokalne informacje o wsparciu SEND, na przykład w Local Offer?",
            ),
            help: None,
            options: vec![
                ("very-easy", lt("Very easy", "بہت آسان", "Bardzo łatwo")),
                ("easy", lt("Easy", "آسان", "Łatwo")),
                (
                    "neither",
                    lt(
                        "Neither easy nor difficult",
                        "نہ آسان نہ مشکل",
                        "Ani łatwo, ani trudno",
                    ),
                ),
                ("difficult", lt("Difficult", "مشکل", "Trudno")),
                (
                    "very-difficult",
                    lt("Very difficult", "بہت مشکل", "Bardzo trudno"),
                ),
                (
                    "dont-know",
                    lt("I don't know", "مجھے نہیں معلوم", "Nie wiem"),
                ),
            ],
            outcomes: &["family-supported"],
            priorities: &[3],
        },
        DemoQuestion {
            kind: QuestionKind::MultipleChoice,
            required: false,
            max_length: None,
            prompt: lt(
                "Which of these have helped your family in the last year?",
                "پچھلے سال ان میں سے کس چیز نے آپ کے خاندان کی مدد کی؟",
                "Co z poniższych pomogło Twojej rodzinie w ostatnim roku?",
            ),
            help: Some(lt(
                "Choose all that apply.",
                "جتنے لاگو ہوں سب چنیں۔",
                "Zaznacz wszystkie pasujące odpowiedzi.",
            )),
            options: vec![
                (
                    "drop-in",
                    lt(
                        "Monthly SEND drop-in sessions",
                        "ماہانہ SEND ڈراپ اِن سیشن",
                        "Comiesięczne spotkania SEND drop-in",
                    ),
                ),
                (
                    "family-hub",
                    lt(
                        "The Family Hub",
                        "فیملی ہب",
                        "Family Hub (centrum dla rodzin)",
                    ),
                ),
                (
                    "short-breaks",
                    lt(
                        "Short breaks",
                        "مختصر وقفے (شارٹ بریکس)",
                        "Krótkie przerwy wytchnieniowe (short breaks)",
                    ),
                ),
                (
                    "local-offer",
                    lt(
                        "The Local Offer website",
                        "لوکل آفر ویب سائٹ",
                        "Strona Local Offer",
                    ),
                ),
                (
                    "parent-carer-forum",
                    lt(
                        "The Parent Carer Forum",
                        "پیرنٹ کیرر فورم",
                        "Forum rodziców i opiekunów",
                    ),
                ),
            ],
            outcomes: &["family-supported"],
            priorities: &[3, 4],
        },
        DemoQuestion {
            kind: QuestionKind::SingleChoice,
            required: false,
            max_length: None,
            prompt: lt(
                "Do you (or your child) feel included in local activities of your choice?",
                "کیا آپ (یا آپ کا بچہ) اپنی پسند کی مقامی سرگرمیوں میں شامل محسوس کرتے ہیں؟",
                "Czy Ty (lub Twoje dziecko) czujesz się mile widziany w wybranych lokalnych zajęciach?",
            ),
            help: None,
            options: vec![
                ("yes", lt("Yes", "ہاں", "Tak")),
                ("sometimes", lt("Sometimes", "کبھی کبھی", "Czasami")),
                ("no", lt("No", "نہیں", "Nie")),
                (
                    "not-sure",
                    lt("Not sure", "یقین نہیں", "Nie jestem pewien/pewna"),
                ),
                (
                    "prefer-not-to-say",
                    lt(
                        "Prefer not to say",
                        "بتانا نہیں چاہتے",
                        "Wolę nie odpowiadać",
                    ),
                ),
            ],
            outcomes: &["included"],
            priorities: &[5, 1],
        },
        DemoQuestion {
            kind: QuestionKind::SingleChoice,
            required: false,
            max_length: None,
            prompt: lt(
                "When plans are made about you or your child, do you feel listened to?",
                "جب آپ یا آپ کے بچے کے بارے میں منصوبے بنائے جاتے ہیں تو کیا آپ کو لگتا ہے کہ آپ کی بات سنی جاتی ہے؟",
                "Czy gdy powstają plany dotyczące Ciebie lub Twojego dziecka, czujesz, że ktoś Cię słucha?",
            ),
            help: None,
            options: vec![
                ("always", lt("Always", "ہمیشہ", "Zawsze")),
                ("sometimes", lt("Sometimes", "کبھی کبھی", "Czasami")),
                ("never", lt("Never", "کبھی نہیں", "Nigdy")),
                (
                    "not-sure",
                    lt("Not sure", "یقین نہیں", "Nie jestem pewien/pewna"),
                ),
            ],
            outcomes: &["heard"],
            priorities: &[4],
        },
        DemoQuestion {
            kind: QuestionKind::LongText,
            required: false,
            max_length: Some(1000),
            prompt: lt(
                "What one thing would make the biggest difference to you or your family?",
                "کون سی ایک چیز آپ یا آپ کے خاندان کے لیے سب سے بڑا فرق ڈالے گی؟",
                "Jaka jedna rzecz zrobiłaby największą różnicę dla Ciebie lub Twojej rodziny?",
            ),
            help: Some(lt(
                "Please do not include names or anything that could identify you.",
                "براہ کرم نام یا ایسی کوئی بات نہ لکھیں جس سے آپ کی شناخت ہو سکے۔",
                "Nie podawaj imion ani niczego, co mogłoby Cię zidentyfikować.",
            )),
            options: vec![],
            outcomes: &["family-supported", "heard"],
            priorities: &[3],
        },
    ]
}

async fn insert_survey(
    txn: &impl sea_orm::ConnectionTrait,
    outcomes: &[(String, i32)],
    priorities: &[i32],
) -> Result<(), DbErr> {
    let now = Utc::now();
    let survey = survey::ActiveModel {
        id: NotSet,
        slug: Set(SURVEY_SLUG.to_owned()),
        default_locale: Set("en".to_owned()),
        title: Set(lt("Big SEND Survey 2026", "بڑا SEND سروے 2026", "Duża ankieta SEND 2026")),
        introduction: Set(lt(
            "Tell us what it is like to get support for special educational needs and disabilities (SEND) in our area. Your answers help the council, the NHS and schools decide what to change.",
            "ہمیں بتائیں کہ ہمارے علاقے میں خصوصی تعلیمی ضروریات اور معذوری (SEND) کے لیے مدد حاصل کرنا کیسا ہے۔ آپ کے جوابات کونسل، NHS اور اسکولوں کو یہ فیصلہ کرنے میں مدد دیتے ہیں کہ کیا بدلنا ہے۔",
            "Powiedz nam, jak wygląda wsparcie dla dzieci i młodzieży ze specjalnymi potrzebami edukacyjnymi i niepełnosprawnościami (SEND) w naszej okolicy. Twoje odpowiedzi pomogą radzie, NHS i szkołom zdecydować, co zmienić.",
        )),
        views_statement: Set(lt(
            "Your answers are anonymous. The SEND co-production team at Demo Borough Council and our NHS partners will read them. By March 2027 we will publish a summary of the results, and what we did because of them, on our \"You said, we did\" page. We never publish numbers small enough to identify anyone. We keep your answers for two years, then delete them. Questions? Email send.voice@demo-borough.example.",
            "آپ کے جوابات گمنام ہیں۔ ڈیمو بورو کونسل کی SEND مشترکہ تیاری ٹیم اور ہمارے NHS شراکت دار انہیں پڑھیں گے۔ مارچ 2027 تک ہم نتائج کا خلاصہ، اور ان کی وجہ سے ہم نے کیا کیا، اپنے \"آپ نے کہا، ہم نے کیا\" صفحے پر شائع کریں گے۔ ہم کبھی اتنے چھوٹے اعداد شائع نہیں کرتے جن سے کسی کی شناخت ہو سکے۔ ہم آپ کے جوابات دو سال تک رکھتے ہیں، پھر حذف کر دیتے ہیں۔ سوالات؟ send.voice@demo-borough.example پر ای میل کریں۔",
            "Twoje odpowiedzi są anonimowe. Przeczyta je zespół ds. współtworzenia SEND w radzie Demo Borough oraz nasi partnerzy z NHS. Do marca 2027 r. opublikujemy podsumowanie wyników i to, co zrobiliśmy w odpowiedzi, na stronie „Mówiliście, zrobiliśmy”. Nigdy nie publikujemy liczb tak małych, że mogłyby kogoś zidentyfikować. Przechowujemy odpowiedzi przez dwa lata, a potem je usuwamy. Pytania? Napisz na send.voice@demo-borough.example.",
        )),
        estimated_minutes: Set(5),
        status: Set(survey::Status::Open),
        opens_at: Set(None),
        closes_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await?;

    for (position, q) in (0..).zip(demo_questions()) {
        let row = question::ActiveModel {
            id: NotSet,
            survey_id: Set(survey.id),
            position: Set(position),
            kind: Set(q.kind.as_str().to_owned()),
            prompt: Set(q.prompt),
            help_text: Set(q.help),
            required: Set(q.required),
            max_length: Set(q.max_length),
        }
        .insert(txn)
        .await?;
        if !q.options.is_empty() {
            question_option::Entity::insert_many((0..).zip(q.options).map(
                |(pos, (value, label))| question_option::ActiveModel {
                    id: NotSet,
                    question_id: Set(row.id),
                    position: Set(pos),
                    value: Set(value.to_owned()),
                    label: Set(label),
                },
            ))
            .exec(txn)
            .await?;
        }
        for key in q.outcomes {
            if let Some((_, outcome_id)) = outcomes.iter().find(|(k, _)| k == key) {
                question_outcome::ActiveModel {
                    question_id: Set(row.id),
                    outcome_id: Set(*outcome_id),
                }
                .insert(txn)
                .await?;
            }
        }
        for number in q.priorities {
            if let Some(priority_id) = priorities.get(number - 1) {
                question_priority::ActiveModel {
                    question_id: Set(row.id),
                    priority_id: Set(*priority_id),
                }
                .insert(txn)
                .await?;
            }
        }
    }
    Ok(())
}
