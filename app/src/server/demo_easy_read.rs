//! Easy read versions of the demo survey's English text, keyed by the
//! English. The demo stores them as the `en-easyread` translation.

/// (English, easy read) pairs.
pub const EASY_READ: &[(&str, &str)] = &[
    // The survey.
    ("Big SEND Survey 2026", "Big SEND Survey 2026"),
    (
        "Tell us what it is like to get support for special educational needs and disabilities (SEND) in our area. Your answers help the council, the NHS and schools decide what to change.",
        "SEND means special educational needs and disabilities. Tell us what it is like to get help with SEND where you live. Your answers help the council, the NHS and schools to decide what to change. The NHS is the health service.",
    ),
    (
        "Your answers are anonymous. The SEND co-production team at Demo Borough Council and our NHS partners will read them. By March 2027 we will publish a summary of the results, and what we did because of them, on our \"You said, we did\" page. We never publish numbers small enough to identify anyone. We keep your answers for two years, then delete them. Questions? Email send.voice@demo-borough.example.",
        "Your answers are anonymous. This means we do not know who you are. The SEND team at Demo Borough Council will read your answers. This team plans SEND services together with families. Our NHS partners will read your answers too. The NHS is the health service. By March 2027 we will share a short report of the results. We will also say what we did because of your answers. You can read this on our \"You said, we did\" page. We never share small numbers. Small numbers could show who you are. We keep your answers for 2 years. Then we delete them. Do you have a question? Email send.voice@demo-borough.example.",
    ),
    // Page: About you (everyone).
    ("About you", "About you"),
    (
        "If you are helping someone to answer, choose the person whose views these are.",
        "Are you helping someone to answer? Then choose the person who has these views.",
    ),
    (
        "Who is answering this survey?",
        "Who is answering this survey?",
    ),
    // Page: About your child or young person: stage of education.
    (
        "Which stage of education are they at?",
        "Where do they learn?",
    ),
    (
        "Early years (nursery or pre-school)",
        "Nursery or pre-school",
    ),
    ("Primary school", "Primary school"),
    ("Secondary school", "Secondary school"),
    (
        "College, sixth form or training",
        "College, sixth form or training",
    ),
    (
        "Not in education, work or training",
        "Not at school, college, work or training",
    ),
    // Page: About your child or young person.
    (
        "About your child or young person",
        "About your child or young person",
    ),
    (
        "This helps us see whether some families get a different service. We never publish small numbers.",
        "These questions help us to check something. Do some families get a different service? We never share small numbers. Small numbers could show who you are.",
    ),
    ("0 to 4", "0 to 4"),
    ("5 to 10", "5 to 10"),
    ("11 to 15", "11 to 15"),
    ("16 to 18", "16 to 18"),
    ("19 to 25", "19 to 25"),
    (
        "How old is your child or young person?",
        "How old is your child or young person?",
    ),
    (
        "SEN Support at nursery, school or college",
        "SEN Support (extra help at nursery, school or college)",
    ),
    (
        "An education, health and care plan (EHCP)",
        "An EHCP plan (a plan for education, health and care)",
    ),
    ("No extra support at the moment", "No extra help right now"),
    (
        "What support do they have for special educational needs?",
        "What help do they get for special educational needs? These are needs that make learning harder.",
    ),
    (
        "Choose all that apply.",
        "Choose all the answers that are true.",
    ),
    ("Autism", "Autism"),
    (
        "Speech, language and communication",
        "Talking and understanding",
    ),
    (
        "Social, emotional and mental health",
        "Feelings, friendships and mental health",
    ),
    ("Learning difficulty", "Finding learning hard"),
    (
        "Hearing or vision impairment",
        "Problems with hearing or seeing",
    ),
    (
        "Physical disability",
        "Problems with moving or using their body",
    ),
    ("Something else", "Something else"),
    ("What are their main needs?", "What are their main needs?"),
    // Page: About you (children and young people).
    (
        "There are no right or wrong answers.",
        "There are no right or wrong answers.",
    ),
    (
        "How do you feel about school or college?",
        "How do you feel about school or college?",
    ),
    (
        "Is there an adult you can talk to when you are worried?",
        "Is there an adult you can talk to when you are worried?",
    ),
    // Page: Information and support.
    ("Information and support", "Information and help"),
    ("Very easy", "Very easy"),
    ("Easy", "Easy"),
    ("Neither easy nor difficult", "Not easy and not hard"),
    ("Difficult", "Hard"),
    ("Very difficult", "Very hard"),
    (
        "How easy is it to find local information about SEND support, for example on the Local Offer?",
        "How easy is it to find information about SEND help near you? For example, on the Local Offer website.",
    ),
    (
        "Monthly SEND drop-in sessions",
        "SEND meetings every month. You do not need to book.",
    ),
    ("People talking around a table", "People talking at a table"),
    (
        "The Family Hub",
        "The Family Hub (a place where families get help)",
    ),
    ("A house", "A house"),
    (
        "Short breaks",
        "Short breaks (fun time for your child and a rest for you)",
    ),
    ("A sun", "A sun"),
    (
        "The Local Offer website",
        "The Local Offer website (information about SEND help)",
    ),
    ("A computer screen", "A computer screen"),
    (
        "The Parent Carer Forum",
        "The Parent Carer Forum (a group of parents and carers)",
    ),
    ("Speech bubbles", "Speech bubbles"),
    (
        "Which of these have helped you in the last year?",
        "Which of these helped you in the last 12 months?",
    ),
    (
        "\"I know where to go for help with SEND.\" How much do you agree?",
        "Read this sentence: \"I know where to go for help with SEND.\" How much do you agree?",
    ),
    (
        "Overall, how was your experience of SEND services in the last year?",
        "Think about SEND services in the last 12 months. How were they for you?",
    ),
    // Page: Being included and heard.
    ("Being included and heard", "Being included and listened to"),
    ("Yes", "Yes"),
    ("Sometimes", "Sometimes"),
    ("No", "No"),
    (
        "Do you (or your child) feel included in local activities of your choice?",
        "Think about activities near you that you choose to do. Do you feel included in them? Or does your child feel included?",
    ),
    ("Always", "Always"),
    ("Never", "Never"),
    (
        "When plans are made about you or your child, do you feel listened to?",
        "Sometimes people make plans about you or your child. Do you feel they listen to you?",
    ),
    (
        "How well do education, health and care services work together for you?",
        "Schools, health services and care services should work together. How well do they work together for you?",
    ),
    (
        "If you are not sure of the exact day, give your best guess.",
        "Are you not sure of the exact day? That is OK. Give your best guess.",
    ),
    (
        "When was the education, health and care plan last reviewed?",
        "When did people last check the EHCP plan? This is the plan for education, health and care.",
    ),
    (
        "For example, a speech and language therapist or a paediatrician. Leave it blank if you have not had one.",
        "A specialist is an expert. For example, a speech therapist or a children's doctor. If you have not seen one yet, leave this box empty.",
    ),
    (
        "How many weeks did you wait for the first appointment with a specialist?",
        "How many weeks did you wait to see a specialist for the first time?",
    ),
    // Page: Your ideas.
    ("Your ideas", "Your ideas"),
    (
        "In a few words, what is working well?",
        "What is going well? Use a few words.",
    ),
    (
        "Please do not include names or anything that could identify you.",
        "Please do not write any names. Do not write anything that could show who you are.",
    ),
    (
        "What one thing would make the biggest difference to you or your family?",
        "What 1 thing would help you or your family the most?",
    ),
];
