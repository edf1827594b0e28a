//! The demo partnership: a neutral borough whose content is drawn from real
//! SEND joint-commissioning plans (the outcomes framework, the five
//! priorities and a Big SEND Survey).
//!
//! Loaded once per database: a marker in `app_meta` records it, so running
//! `make run` again keeps whatever the demo has become.

use super::{
    db::begin_write,
    demo_easy_read::EASY_READ,
    entities::{
        outcome, priority, question, question_option, question_outcome, question_priority, survey,
        survey_page::{self, Conditions},
    },
    store::meta,
};
use crate::domain::{
    branching::{Condition, Operator},
    localized::LocalizedText,
    survey::{QuestionKind, Special},
};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, NotSet};
use std::collections::HashMap;

/// The `app_meta` key that marks the demo as loaded.
pub const LOADED_KEY: &str = "demo_loaded_at";
/// The demo survey's address: `/s/big-send-survey`.
pub const SURVEY_SLUG: &str = "big-send-survey";

/// Text in English, Urdu and Polish, with the easy read version of the
/// English where the demo has one.
fn lt(en: &str, ur: &str, pl: &str) -> LocalizedText {
    let mut text = LocalizedText::from_pairs([("en", en), ("ur", ur), ("pl", pl)]);
    if let Some((_, easy)) = EASY_READ.iter().find(|(english, _)| *english == en) {
        text.0.insert(
            crate::i18n_support::EASY_READ.to_owned(),
            (*easy).to_owned(),
        );
    }
    text
}

/// Loads the demo unless this database already has it. Returns whether it loaded.
pub async fn load_once(db: &DatabaseConnection) -> Result<bool, DbErr> {
    load_once_with(db, 0).await
}

/// Loads the demo with `sample_responses` synthetic responses (the demo
/// partnership `make run` shows), unless this database already has it.
/// Everything lands in one transaction, or nothing does.
pub async fn load_once_with(
    db: &DatabaseConnection,
    sample_responses: usize,
) -> Result<bool, DbErr> {
    // Accounts have their own marker, so a demo loaded before accounts
    // existed gains them too.
    super::accounts::load_demo_accounts(db)
        .await
        .map_err(|e| DbErr::Custom(format!("loading the demo accounts: {e}")))?;
    let loaded = load_partnership(db, sample_responses).await?;
    // Drop-ins have their own marker too, and come after the survey so the
    // demo's ids stay as they were.
    super::demo_dropins::load_once(db, sample_responses > 0).await?;
    // Actions draw on both, so they come last, with their own marker.
    super::demo_actions::load_once(db, sample_responses > 0).await?;
    Ok(loaded)
}

/// The outcomes, priorities and the Big SEND Survey, once.
async fn load_partnership(db: &DatabaseConnection, sample_responses: usize) -> Result<bool, DbErr> {
    let txn = begin_write(db).await?;
    if meta::get(&txn, LOADED_KEY).await?.is_some() {
        txn.rollback().await?;
        return Ok(false);
    }
    let outcomes = insert_outcomes(&txn).await?;
    let priorities = insert_priorities(&txn).await?;
    let survey = insert_survey(&txn, &outcomes, &priorities).await?;
    if sample_responses > 0 {
        let loaded = super::store::surveys::load(&txn, survey)
            .await
            .map_err(|e| DbErr::Custom(format!("reading the demo survey back: {e}")))?;
        super::demo_responses::insert(&txn, &loaded, sample_responses).await?;
    }
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

/// One demo option: its value, label (empty for a special answer, whose
/// label comes from `locales/`), special kind and symbol.
struct DemoOption {
    value: &'static str,
    label: LocalizedText,
    special: Option<Special>,
    image: Option<(&'static str, LocalizedText)>,
}

fn opt(value: &'static str, label: LocalizedText) -> DemoOption {
    DemoOption {
        value,
        label,
        special: None,
        image: None,
    }
}

fn special(value: &'static str, special: Special) -> DemoOption {
    DemoOption {
        value,
        label: LocalizedText::default(),
        special: Some(special),
        image: None,
    }
}

fn with_symbol(option: DemoOption, src: &'static str, alt: LocalizedText) -> DemoOption {
    DemoOption {
        image: Some((src, alt)),
        ..option
    }
}

/// One demo question. Standard scales get their options from the kind.
struct DemoQuestion {
    key: &'static str,
    kind: QuestionKind,
    required: bool,
    max_length: Option<i32>,
    bounds: (Option<i64>, Option<i64>),
    prompt: LocalizedText,
    help: Option<LocalizedText>,
    options: Vec<DemoOption>,
    /// (question key, operator, value)
    show_if: Vec<(&'static str, Operator, &'static str)>,
    outcomes: &'static [&'static str],
    priorities: &'static [usize],
}

fn question(key: &'static str, kind: QuestionKind, prompt: LocalizedText) -> DemoQuestion {
    DemoQuestion {
        key,
        kind,
        required: false,
        max_length: None,
        bounds: (None, None),
        prompt,
        help: None,
        options: vec![],
        show_if: vec![],
        outcomes: &[],
        priorities: &[],
    }
}

struct DemoPage {
    title: LocalizedText,
    introduction: Option<LocalizedText>,
    show_if: Vec<(&'static str, Operator, &'static str)>,
    questions: Vec<DemoQuestion>,
}

fn demo_pages() -> Vec<DemoPage> {
    vec![
        DemoPage {
            title: lt("About you", "آپ کے بارے میں", "O Tobie"),
            introduction: None,
            show_if: vec![],
            questions: vec![DemoQuestion {
                required: true,
                help: Some(lt(
                    "If you are helping someone to answer, choose the person whose views these are.",
                    "اگر آپ کسی کی جواب دینے میں مدد کر رہے ہیں تو اُس شخص کو چنیں جس کی یہ رائے ہے۔",
                    "Jeśli pomagasz komuś odpowiedzieć, wybierz osobę, której zdanie tu wyrażasz.",
                )),
                ..question(
                    "who",
                    QuestionKind::RespondentType,
                    lt(
                        "Who is answering this survey?",
                        "یہ سروے کون پُر کر رہا ہے؟",
                        "Kto wypełnia tę ankietę?",
                    ),
                )
            }],
        },
        DemoPage {
            title: lt(
                "About your child or young person",
                "آپ کے بچے یا نوجوان کے بارے میں",
                "O Twoim dziecku lub młodej osobie",
            ),
            introduction: Some(lt(
                "This helps us see whether some families get a different service. We never publish small numbers.",
                "اس سے ہمیں یہ دیکھنے میں مدد ملتی ہے کہ کیا کچھ خاندانوں کو مختلف سروس ملتی ہے۔ ہم کبھی چھوٹے اعداد شائع نہیں کرتے۔",
                "Dzięki temu widzimy, czy niektóre rodziny dostają inne wsparcie. Nigdy nie publikujemy małych liczb.",
            )),
            show_if: vec![("who", Operator::Equals, "parent-carer")],
            questions: vec![
                DemoQuestion {
                    options: vec![
                        opt("0-4", lt("0 to 4", "0 سے 4 سال", "0–4 lata")),
                        opt("5-10", lt("5 to 10", "5 سے 10 سال", "5–10 lat")),
                        opt("11-15", lt("11 to 15", "11 سے 15 سال", "11–15 lat")),
                        opt("16-18", lt("16 to 18", "16 سے 18 سال", "16–18 lat")),
                        opt("19-25", lt("19 to 25", "19 سے 25 سال", "19–25 lat")),
                        special("prefer-not-to-say", Special::PreferNotToSay),
                    ],
                    ..question(
                        "age",
                        QuestionKind::SingleChoice,
                        lt(
                            "How old is your child or young person?",
                            "آپ کے بچے یا نوجوان کی عمر کیا ہے؟",
                            "Ile lat ma Twoje dziecko lub młoda osoba?",
                        ),
                    )
                },
                DemoQuestion {
                    options: vec![
                        opt(
                            "early-years",
                            lt(
                                "Early years (nursery or pre-school)",
                                "ابتدائی سال (نرسری یا پری اسکول)",
                                "Wczesne lata (żłobek lub przedszkole)",
                            ),
                        ),
                        opt(
                            "primary",
                            lt("Primary school", "پرائمری اسکول", "Szkoła podstawowa"),
                        ),
                        opt(
                            "secondary",
                            lt("Secondary school", "سیکنڈری اسکول", "Szkoła średnia"),
                        ),
                        opt(
                            "post-16",
                            lt(
                                "College, sixth form or training",
                                "کالج، سکستھ فارم یا تربیت",
                                "College, szkoła pomaturalna lub szkolenie",
                            ),
                        ),
                        opt(
                            "not-in-education",
                            lt(
                                "Not in education, work or training",
                                "تعلیم، ملازمت یا تربیت میں نہیں",
                                "Nie uczy się, nie pracuje ani nie szkoli",
                            ),
                        ),
                        special("prefer-not-to-say", Special::PreferNotToSay),
                    ],
                    ..question(
                        "phase",
                        QuestionKind::SingleChoice,
                        lt(
                            "Which stage of education are they at?",
                            "وہ تعلیم کے کس مرحلے میں ہیں؟",
                            "Na jakim etapie edukacji jest?",
                        ),
                    )
                },
                DemoQuestion {
                    options: vec![
                        opt(
                            "sen-support",
                            lt(
                                "SEN Support at nursery, school or college",
                                "نرسری، اسکول یا کالج میں SEN سپورٹ",
                                "Wsparcie SEN w żłobku, szkole lub college'u",
                            ),
                        ),
                        opt(
                            "ehcp",
                            lt(
                                "An education, health and care plan (EHCP)",
                                "تعلیم، صحت اور دیکھ بھال کا منصوبہ (EHCP)",
                                "Plan edukacji, zdrowia i opieki (EHCP)",
                            ),
                        ),
                        opt(
                            "none",
                            lt(
                                "No extra support at the moment",
                                "ابھی کوئی اضافی مدد نہیں",
                                "Obecnie brak dodatkowego wsparcia",
                            ),
                        ),
                        special("dont-know", Special::DontKnow),
                    ],
                    outcomes: &["family-supported"],
                    priorities: &[3],
                    ..question(
                        "support",
                        QuestionKind::SingleChoice,
                        lt(
                            "What support do they have for special educational needs?",
                            "خصوصی تعلیمی ضروریات کے لیے انہیں کیا مدد ملتی ہے؟",
                            "Jakie wsparcie w zakresie specjalnych potrzeb edukacyjnych otrzymuje?",
                        ),
                    )
                },
                DemoQuestion {
                    help: Some(lt(
                        "Choose all that apply.",
                        "جتنے لاگو ہوں سب چنیں۔",
                        "Zaznacz wszystkie pasujące odpowiedzi.",
                    )),
                    options: vec![
                        opt("autism", lt("Autism", "آٹزم", "Autyzm")),
                        opt(
                            "slcn",
                            lt(
                                "Speech, language and communication",
                                "بولنے، زبان اور بات چیت",
                                "Mowa, język i komunikacja",
                            ),
                        ),
                        opt(
                            "semh",
                            lt(
                                "Social, emotional and mental health",
                                "سماجی، جذباتی اور ذہنی صحت",
                                "Zdrowie społeczne, emocjonalne i psychiczne",
                            ),
                        ),
                        opt(
                            "learning",
                            lt(
                                "Learning difficulty",
                                "سیکھنے میں دشواری",
                                "Trudności w uczeniu się",
                            ),
                        ),
                        opt(
                            "sensory",
                            lt(
                                "Hearing or vision impairment",
                                "سماعت یا بصارت کی کمزوری",
                                "Uszkodzenie słuchu lub wzroku",
                            ),
                        ),
                        opt(
                            "physical",
                            lt(
                                "Physical disability",
                                "جسمانی معذوری",
                                "Niepełnosprawność ruchowa",
                            ),
                        ),
                        opt("other", lt("Something else", "کچھ اور", "Coś innego")),
                        special("prefer-not-to-say", Special::PreferNotToSay),
                    ],
                    ..question(
                        "need",
                        QuestionKind::MultipleChoice,
                        lt(
                            "What are their main needs?",
                            "ان کی بنیادی ضروریات کیا ہیں؟",
                            "Jakie są jego lub jej główne potrzeby?",
                        ),
                    )
                },
            ],
        },
        DemoPage {
            title: lt("About you", "آپ کے بارے میں", "O Tobie"),
            introduction: Some(lt(
                "There are no right or wrong answers.",
                "کوئی جواب صحیح یا غلط نہیں ہے۔",
                "Nie ma dobrych ani złych odpowiedzi.",
            )),
            show_if: vec![("who", Operator::Equals, "child-young-person")],
            questions: vec![
                DemoQuestion {
                    outcomes: &["emotionally-well"],
                    priorities: &[1],
                    ..question(
                        "feel-school",
                        QuestionKind::FaceScale,
                        lt(
                            "How do you feel about school or college?",
                            "آپ اسکول یا کالج کے بارے میں کیسا محسوس کرتے ہیں؟",
                            "Jak się czujesz w szkole lub w college'u?",
                        ),
                    )
                },
                DemoQuestion {
                    outcomes: &["safe", "emotionally-well"],
                    priorities: &[2],
                    ..question(
                        "trusted-adult",
                        QuestionKind::YesNoNotSure,
                        lt(
                            "Is there an adult you can talk to when you are worried?",
                            "جب آپ پریشان ہوں تو کیا کوئی بڑا ہے جس سے آپ بات کر سکیں؟",
                            "Czy jest dorosły, z którym możesz porozmawiać, gdy się martwisz?",
                        ),
                    )
                },
            ],
        },
        DemoPage {
            title: lt(
                "Information and support",
                "معلومات اور مدد",
                "Informacje i wsparcie",
            ),
            introduction: None,
            show_if: vec![],
            questions: vec![
                DemoQuestion {
                    options: vec![
                        opt("very-easy", lt("Very easy", "بہت آسان", "Bardzo łatwo")),
                        opt("easy", lt("Easy", "آسان", "Łatwo")),
                        opt(
                            "neither",
                            lt(
                                "Neither easy nor difficult",
                                "نہ آسان نہ مشکل",
                                "Ani łatwo, ani trudno",
                            ),
                        ),
                        opt("difficult", lt("Difficult", "مشکل", "Trudno")),
                        opt(
                            "very-difficult",
                            lt("Very difficult", "بہت مشکل", "Bardzo trudno"),
                        ),
                        special("dont-know", Special::DontKnow),
                    ],
                    outcomes: &["family-supported"],
                    priorities: &[3],
                    ..question(
                        "local-offer",
                        QuestionKind::SingleChoice,
                        lt(
                            "How easy is it to find local information about SEND support, for example on the Local Offer?",
                            "SEND مدد کے بارے میں مقامی معلومات تلاش کرنا کتنا آسان ہے، مثلاً لوکل آفر پر؟",
                            "Jak łatwo jest znaleźć lokalne informacje o wsparciu SEND, na przykład w Local Offer?",
                        ),
                    )
                },
                DemoQuestion {
                    help: Some(lt(
                        "Choose all that apply.",
                        "جتنے لاگو ہوں سب چنیں۔",
                        "Zaznacz wszystkie pasujące odpowiedzi.",
                    )),
                    options: vec![
                        with_symbol(
                            opt(
                                "drop-in",
                                lt(
                                    "Monthly SEND drop-in sessions",
                                    "ماہانہ SEND ڈراپ اِن سیشن",
                                    "Comiesięczne spotkania SEND drop-in",
                                ),
                            ),
                            "/symbols/drop-in.svg",
                            lt(
                                "People talking around a table",
                                "میز کے گرد بات کرتے لوگ",
                                "Ludzie rozmawiający przy stole",
                            ),
                        ),
                        with_symbol(
                            opt(
                                "family-hub",
                                lt(
                                    "The Family Hub",
                                    "فیملی ہب",
                                    "Family Hub (centrum dla rodzin)",
                                ),
                            ),
                            "/symbols/family-hub.svg",
                            lt("A house", "ایک گھر", "Dom"),
                        ),
                        with_symbol(
                            opt(
                                "short-breaks",
                                lt(
                                    "Short breaks",
                                    "مختصر وقفے (شارٹ بریکس)",
                                    "Krótkie przerwy wytchnieniowe (short breaks)",
                                ),
                            ),
                            "/symbols/short-breaks.svg",
                            lt("A sun", "سورج", "Słońce"),
                        ),
                        with_symbol(
                            opt(
                                "local-offer",
                                lt(
                                    "The Local Offer website",
                                    "لوکل آفر ویب سائٹ",
                                    "Strona Local Offer",
                                ),
                            ),
                            "/symbols/local-offer.svg",
                            lt("A computer screen", "کمپیوٹر اسکرین", "Ekran komputera"),
                        ),
                        with_symbol(
                            opt(
                                "parent-carer-forum",
                                lt(
                                    "The Parent Carer Forum",
                                    "پیرنٹ کیرر فورم",
                                    "Forum rodziców i opiekunów",
                                ),
                            ),
                            "/symbols/forum.svg",
                            lt("Speech bubbles", "بات چیت کے غبارے", "Dymki rozmowy"),
                        ),
                        special("none", Special::NoneOfThese),
                    ],
                    outcomes: &["family-supported"],
                    priorities: &[3, 4],
                    ..question(
                        "helped",
                        QuestionKind::MultipleChoice,
                        lt(
                            "Which of these have helped you in the last year?",
                            "پچھلے سال ان میں سے کس چیز نے آپ کی مدد کی؟",
                            "Co z poniższych pomogło Ci w ostatnim roku?",
                        ),
                    )
                },
                DemoQuestion {
                    outcomes: &["family-supported"],
                    priorities: &[3],
                    ..question(
                        "know-where",
                        QuestionKind::Likert,
                        lt(
                            "\"I know where to go for help with SEND.\" How much do you agree?",
                            "\"مجھے معلوم ہے کہ SEND کی مدد کے لیے کہاں جانا ہے۔\" آپ کس حد تک متفق ہیں؟",
                            "„Wiem, gdzie szukać pomocy w sprawach SEND”. W jakim stopniu się zgadzasz?",
                        ),
                    )
                },
                DemoQuestion {
                    outcomes: &["family-supported", "healthy"],
                    priorities: &[2, 3],
                    ..question(
                        "experience",
                        QuestionKind::FriendsFamily,
                        lt(
                            "Overall, how was your experience of SEND services in the last year?",
                            "مجموعی طور پر، پچھلے سال SEND سروسز کے ساتھ آپ کا تجربہ کیسا رہا؟",
                            "Ogólnie rzecz biorąc, jak oceniasz usługi SEND w ostatnim roku?",
                        ),
                    )
                },
            ],
        },
        DemoPage {
            title: lt(
                "Being included and heard",
                "شامل ہونا اور سنا جانا",
                "Włączenie i bycie wysłuchanym",
            ),
            introduction: None,
            show_if: vec![],
            questions: vec![
                DemoQuestion {
                    options: vec![
                        opt("yes", lt("Yes", "ہاں", "Tak")),
                        opt("sometimes", lt("Sometimes", "کبھی کبھی", "Czasami")),
                        opt("no", lt("No", "نہیں", "Nie")),
                        special("prefer-not-to-say", Special::PreferNotToSay),
                    ],
                    outcomes: &["included"],
                    priorities: &[5, 1],
                    ..question(
                        "included",
                        QuestionKind::SingleChoice,
                        lt(
                            "Do you (or your child) feel included in local activities of your choice?",
                            "کیا آپ (یا آپ کا بچہ) اپنی پسند کی مقامی سرگرمیوں میں شامل محسوس کرتے ہیں؟",
                            "Czy Ty (lub Twoje dziecko) czujesz się mile widziany w wybranych lokalnych zajęciach?",
                        ),
                    )
                },
                DemoQuestion {
                    options: vec![
                        opt("always", lt("Always", "ہمیشہ", "Zawsze")),
                        opt("sometimes", lt("Sometimes", "کبھی کبھی", "Czasami")),
                        opt("never", lt("Never", "کبھی نہیں", "Nigdy")),
                        special("dont-know", Special::DontKnow),
                    ],
                    outcomes: &["heard"],
                    priorities: &[4],
                    ..question(
                        "listened",
                        QuestionKind::SingleChoice,
                        lt(
                            "When plans are made about you or your child, do you feel listened to?",
                            "جب آپ یا آپ کے بچے کے بارے میں منصوبے بنائے جاتے ہیں تو کیا آپ کو لگتا ہے کہ آپ کی بات سنی جاتی ہے؟",
                            "Czy gdy powstają plany dotyczące Ciebie lub Twojego dziecka, czujesz, że ktoś Cię słucha?",
                        ),
                    )
                },
                DemoQuestion {
                    outcomes: &["heard", "family-supported"],
                    priorities: &[3, 4],
                    ..question(
                        "joined-up",
                        QuestionKind::Rating,
                        lt(
                            "How well do education, health and care services work together for you?",
                            "تعلیم، صحت اور دیکھ بھال کی سروسز آپ کے لیے کتنی اچھی طرح مل کر کام کرتی ہیں؟",
                            "Jak dobrze służby edukacji, zdrowia i opieki współpracują ze sobą w Twojej sprawie?",
                        ),
                    )
                },
                DemoQuestion {
                    help: Some(lt(
                        "If you are not sure of the exact day, give your best guess.",
                        "اگر آپ کو صحیح دن یاد نہیں تو اندازہ لکھیں۔",
                        "Jeśli nie pamiętasz dokładnego dnia, podaj przybliżoną datę.",
                    )),
                    show_if: vec![("support", Operator::Equals, "ehcp")],
                    outcomes: &["heard"],
                    priorities: &[3],
                    ..question(
                        "review-date",
                        QuestionKind::Date,
                        lt(
                            "When was the education, health and care plan last reviewed?",
                            "تعلیم، صحت اور دیکھ بھال کے منصوبے کا آخری جائزہ کب ہوا؟",
                            "Kiedy ostatnio przeglądano plan edukacji, zdrowia i opieki?",
                        ),
                    )
                },
                DemoQuestion {
                    bounds: (Some(0), Some(156)),
                    help: Some(lt(
                        "For example, a speech and language therapist or a paediatrician. Leave it blank if you have not had one.",
                        "مثلاً اسپیچ اینڈ لینگویج تھراپسٹ یا بچوں کا ڈاکٹر۔ اگر ابھی تک نہیں ملا تو خالی چھوڑ دیں۔",
                        "Na przykład logopeda lub pediatra. Zostaw puste, jeśli jeszcze nie było wizyty.",
                    )),
                    show_if: vec![("who", Operator::NotEquals, "child-young-person")],
                    outcomes: &["healthy"],
                    priorities: &[2, 3],
                    ..question(
                        "wait-weeks",
                        QuestionKind::Number,
                        lt(
                            "How many weeks did you wait for the first appointment with a specialist?",
                            "ماہر کے ساتھ پہلی ملاقات کے لیے آپ نے کتنے ہفتے انتظار کیا؟",
                            "Ile tygodni trwało czekanie na pierwszą wizytę u specjalisty?",
                        ),
                    )
                },
            ],
        },
        DemoPage {
            title: lt("Your ideas", "آپ کے خیالات", "Twoje pomysły"),
            introduction: None,
            show_if: vec![],
            questions: vec![
                DemoQuestion {
                    max_length: Some(150),
                    outcomes: &["heard"],
                    priorities: &[4],
                    ..question(
                        "working-well",
                        QuestionKind::ShortText,
                        lt(
                            "In a few words, what is working well?",
                            "چند الفاظ میں بتائیں، کیا اچھا چل رہا ہے؟",
                            "W kilku słowach: co działa dobrze?",
                        ),
                    )
                },
                DemoQuestion {
                    max_length: Some(1000),
                    help: Some(lt(
                        "Please do not include names or anything that could identify you.",
                        "براہ کرم نام یا ایسی کوئی بات نہ لکھیں جس سے آپ کی شناخت ہو سکے۔",
                        "Nie podawaj imion ani niczego, co mogłoby Cię zidentyfikować.",
                    )),
                    outcomes: &["family-supported", "heard"],
                    priorities: &[3],
                    ..question(
                        "difference",
                        QuestionKind::LongText,
                        lt(
                            "What one thing would make the biggest difference to you or your family?",
                            "کون سی ایک چیز آپ یا آپ کے خاندان کے لیے سب سے بڑا فرق ڈالے گی؟",
                            "Jaka jedna rzecz zrobiłaby największą różnicę dla Ciebie lub Twojej rodziny?",
                        ),
                    )
                },
            ],
        },
    ]
}

/// Turns `(question key, operator, value)` rules into stored conditions.
fn conditions(
    rules: &[(&'static str, Operator, &'static str)],
    ids: &HashMap<&'static str, i32>,
) -> Result<Option<Conditions>, DbErr> {
    if rules.is_empty() {
        return Ok(None);
    }
    rules
        .iter()
        .map(|(key, op, value)| {
            let question = *ids
                .get(key)
                .ok_or_else(|| DbErr::Custom(format!("demo rule names unknown question {key}")))?;
            Ok(Condition {
                question,
                op: *op,
                value: (*op != Operator::Answered).then(|| (*value).to_owned()),
            })
        })
        .collect::<Result<Vec<_>, DbErr>>()
        .map(|c| Some(Conditions(c)))
}

async fn insert_survey(
    txn: &impl sea_orm::ConnectionTrait,
    outcomes: &[(String, i32)],
    priorities: &[i32],
) -> Result<survey::Model, DbErr> {
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
        estimated_minutes: Set(7),
        status: Set(survey::Status::Open),
        opens_at: Set(None),
        closes_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        withdrawn_count: Set(0),
    }
    .insert(txn)
    .await?;

    let mut ids: HashMap<&'static str, i32> = HashMap::new();
    let mut position = 0;
    for (page_position, page) in (0..).zip(demo_pages()) {
        let page_row = survey_page::ActiveModel {
            id: NotSet,
            survey_id: Set(survey.id),
            position: Set(page_position),
            title: Set(Some(page.title)),
            introduction: Set(page.introduction),
            show_if: Set(conditions(&page.show_if, &ids)?),
        }
        .insert(txn)
        .await?;
        for q in page.questions {
            let row = question::ActiveModel {
                id: NotSet,
                survey_id: Set(survey.id),
                position: Set(position),
                kind: Set(q.kind.as_str().to_owned()),
                prompt: Set(q.prompt),
                help_text: Set(q.help),
                required: Set(q.required),
                max_length: Set(q.max_length),
                page_id: Set(Some(page_row.id)),
                show_if: Set(conditions(&q.show_if, &ids)?),
                min_value: Set(q.bounds.0),
                max_value: Set(q.bounds.1),
                archived: Set(false),
            }
            .insert(txn)
            .await?;
            position += 1;
            ids.insert(q.key, row.id);
            let options: Vec<DemoOption> = match q.kind.standard_values() {
                Some(values) => values
                    .iter()
                    .map(|v| opt(v, LocalizedText::default()))
                    .collect(),
                None => q.options,
            };
            if !options.is_empty() {
                question_option::Entity::insert_many((0..).zip(options).map(|(pos, o)| {
                    question_option::ActiveModel {
                        id: NotSet,
                        question_id: Set(row.id),
                        position: Set(pos),
                        value: Set(o.value.to_owned()),
                        label: Set(o.label),
                        special: Set(o.special.map(|s| s.as_str().to_owned())),
                        image: Set(o.image.as_ref().map(|(src, _)| (*src).to_owned())),
                        image_alt: Set(o.image.map(|(_, alt)| alt)),
                    }
                }))
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
    }
    Ok(survey)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_text_has_an_easy_read_version() {
        let easy = |t: &LocalizedText, what: &str| {
            assert!(
                t.0.contains_key(crate::i18n_support::EASY_READ),
                "no easy read for {what}: {:?}",
                t.0.get("en")
            );
        };
        for page in demo_pages() {
            easy(&page.title, "a page title");
            if let Some(intro) = &page.introduction {
                easy(intro, "a page introduction");
            }
            for q in &page.questions {
                easy(&q.prompt, "a prompt");
                if let Some(help) = &q.help {
                    easy(help, "help text");
                }
                for o in q.options.iter().filter(|o| o.special.is_none()) {
                    easy(&o.label, "an option");
                    if let Some((_, alt)) = &o.image {
                        easy(alt, "an image's alt text");
                    }
                }
            }
        }
    }

    #[test]
    fn demo_rules_pass_the_check_a_saved_survey_must_pass() {
        // Give each question an id and check the rules as the builder will.
        let mut ids = HashMap::new();
        let mut next = 0;
        let pages: Vec<_> = demo_pages()
            .into_iter()
            .map(|page| {
                let show_if = conditions(&page.show_if, &ids).unwrap();
                let questions: Vec<_> = page
                    .questions
                    .into_iter()
                    .map(|q| {
                        next += 1;
                        let show_if = conditions(&q.show_if, &ids).unwrap();
                        ids.insert(q.key, next);
                        crate::domain::survey::QuestionView {
                            id: next,
                            kind: q.kind,
                            prompt: Default::default(),
                            help: None,
                            required: q.required,
                            max_length: None,
                            min_value: None,
                            max_value: None,
                            options: q
                                .kind
                                .standard_values()
                                .map(|v| v.to_vec())
                                .unwrap_or_else(|| q.options.iter().map(|o| o.value).collect())
                                .into_iter()
                                .map(|v| crate::domain::survey::OptionView {
                                    value: v.to_owned(),
                                    label: crate::domain::survey::Label::Scale(
                                        q.kind,
                                        v.to_owned(),
                                    ),
                                    special: None,
                                    image: None,
                                })
                                .collect(),
                            show_if: show_if.map(|c| c.0).unwrap_or_default(),
                        }
                    })
                    .collect();
                crate::domain::survey::PageView {
                    id: 0,
                    title: None,
                    introduction: None,
                    questions,
                    show_if: show_if.map(|c| c.0).unwrap_or_default(),
                }
            })
            .collect();
        assert_eq!(crate::domain::branching::check_rules(&pages), vec![]);
        let kinds: std::collections::HashSet<_> = pages
            .iter()
            .flat_map(|p| &p.questions)
            .map(|q| q.kind)
            .collect();
        assert_eq!(
            kinds.len(),
            QuestionKind::ALL.len(),
            "the demo shows every kind"
        );
    }
}
