import type { Category, QuestionInput } from "./schemas";

// Demo training for the customer-satisfaction programme (course text is authored content,
// kept in English like a real trainer's first draft).

type Q = QuestionInput;
let optionSeq = 0;
const options = (texts: string[], correct: number[]) =>
  texts.map((text, index) => ({ id: `o${++optionSeq}`, text, correct: correct.includes(index) }));

const sc = (prompt: string, texts: string[], correct: number, explanation: string): Q => ({
  type: "SINGLE",
  prompt,
  explanation,
  partialCredit: false,
  options: options(texts, [correct]),
  acceptedAnswers: [],
});
const mc = (
  prompt: string,
  texts: string[],
  correct: number[],
  explanation: string,
  partialCredit = false,
): Q => ({
  type: "MULTIPLE",
  prompt,
  explanation,
  partialCredit,
  options: options(texts, correct),
  acceptedAnswers: [],
});
const tf = (prompt: string, answer: boolean, explanation: string): Q => ({
  type: "TRUE_FALSE",
  prompt,
  explanation,
  partialCredit: false,
  options: [
    { id: "true", text: "True", correct: answer },
    { id: "false", text: "False", correct: !answer },
  ],
  acceptedAnswers: [],
});
const sa = (prompt: string, answers: string[], explanation: string): Q => ({
  type: "SHORT",
  prompt,
  explanation,
  partialCredit: false,
  options: [],
  acceptedAnswers: answers.map((value) => ({ value })),
});

export interface DemoCourse {
  title: string;
  summary: string;
  category: Category;
  estimatedMinutes: number;
  tags: string;
  coverColor: "teal" | "blue" | "indigo" | "grape" | "orange" | "red" | "green" | "cyan";
  coverIcon: "📘" | "📞" | "⏱️" | "💻" | "💬" | "🛡️" | "🤖" | "📊" | "🤝" | "⭐";
  quiz?: {
    passMark: number;
    attemptsAllowed: number | null;
    timeLimitMinutes: number | null;
    drawCount: number;
  };
  lessons: { title: string; body: string; videoUrl?: string }[];
  questions: Q[];
  publish: boolean;
}

export const DEMO_COURSES: DemoCourse[] = [
  {
    title: "Complaint handling: the new five-step process",
    summary:
      "How we receive, log, resolve and close every customer complaint, and why each step matters for satisfaction.",
    category: "PROCESS",
    estimatedMinutes: 35,
    tags: "complaints, process, customer satisfaction",
    coverColor: "teal",
    coverIcon: "📞",
    quiz: { passMark: 75, attemptsAllowed: 3, timeLimitMinutes: 15, drawCount: 0 },
    lessons: [
      {
        title: "Why complaints matter",
        body: "A complaint is a customer telling us **how to improve**.\n\n- Most unhappy customers never complain: they leave.\n- A complaint resolved quickly often creates a *more* loyal customer.\n- Our target: complaint rate below **2 %** of contacts by month 9.",
      },
      {
        title: "The five steps",
        body: "1. **Acknowledge** within 1 working hour.\n2. **Log** the complaint in the CRM with its category.\n3. **Investigate** and agree a fix with the owner.\n4. **Resolve** and tell the customer what changed.\n5. **Close the loop**: confirm the customer is satisfied and record the outcome.",
      },
      {
        title: "Logging a complaint in the CRM",
        body: "Open the customer record, choose **New case → Complaint** and pick one category:\n\n| Category | Example |\n| --- | --- |\n| Delivery | Parcel late or damaged |\n| Billing | Charged twice |\n| Service | Rude or unhelpful contact |\n\nAlways paste the customer's own words into the description.",
      },
      {
        title: "Closing the loop",
        body: "Before closing, call or write to the customer and ask: *Has this been resolved to your satisfaction?*\n\nRecord the answer. A case closed without this question is reopened by the weekly quality check.",
      },
    ],
    questions: [
      sc(
        "How quickly must a complaint be acknowledged?",
        ["Within 1 working hour", "Within 1 working day", "Within 1 week"],
        0,
        "Acknowledgement within 1 working hour is step 1 of the process.",
      ),
      sc(
        "Which step comes right after logging the complaint?",
        ["Resolve", "Investigate", "Close the loop"],
        1,
        "Log, then investigate and agree a fix with the owner.",
      ),
      tf(
        "A complaint can be closed without contacting the customer if the fix is obvious.",
        false,
        "Closing the loop means confirming with the customer every time.",
      ),
      mc(
        "Which are complaint categories in the CRM?",
        ["Delivery", "Billing", "Service", "Marketing"],
        [0, 1, 2],
        "Delivery, Billing and Service are the three categories.",
        true,
      ),
      sa(
        "What is our target complaint rate by month 9 (in %)?",
        ["2", "2%", "2 %", "two"],
        "The target is below 2 % of contacts.",
      ),
      tf(
        "A well-resolved complaint can make a customer more loyal than before.",
        true,
        "Good recovery builds loyalty.",
      ),
      sc(
        "What should the case description contain?",
        ["Our summary only", "The customer's own words", "The agent's opinion"],
        1,
        "Paste the customer's own words.",
      ),
      sc(
        "What happens to a case closed without asking the customer?",
        ["Nothing", "It is reopened by the weekly quality check", "It is deleted"],
        1,
        "The weekly quality check reopens it.",
      ),
    ],
    publish: true,
  },
  {
    title: "Response-time standards",
    summary:
      "The response times we promise on every channel, how they are measured and what to do when you cannot meet them.",
    category: "PROCESS",
    estimatedMinutes: 20,
    tags: "response time, sla, process",
    coverColor: "blue",
    coverIcon: "⏱️",
    quiz: { passMark: 70, attemptsAllowed: null, timeLimitMinutes: null, drawCount: 0 },
    lessons: [
      {
        title: "Our promises per channel",
        body: "| Channel | First response |\n| --- | --- |\n| Phone | answered within 60 seconds |\n| Chat | within 2 minutes |\n| E-mail | within 4 working hours |\n| Social media | within 1 hour |",
      },
      {
        title: "How response time is measured",
        body: "The clock starts when the contact **arrives** in any queue and stops at the first reply from a person. Automatic acknowledgements do **not** stop the clock.",
      },
      {
        title: "When you cannot meet the standard",
        body: "- Tell your team leader as soon as a queue grows.\n- Use the *busy* template to set expectations honestly.\n- Never close a contact just to stop the clock.",
      },
    ],
    questions: [
      sc(
        "What is the first-response standard for e-mail?",
        ["1 hour", "4 working hours", "1 working day"],
        1,
        "E-mail: within 4 working hours.",
      ),
      sc(
        "Phone calls should be answered within…",
        ["20 seconds", "60 seconds", "5 minutes"],
        1,
        "Phone: within 60 seconds.",
      ),
      tf(
        "An automatic acknowledgement e-mail stops the response-time clock.",
        false,
        "Only a reply from a person stops the clock.",
      ),
      sa(
        "Within how many minutes must a chat get a first response?",
        ["2", "two", "2 minutes"],
        "Chat: within 2 minutes.",
      ),
      tf("The clock starts when the contact arrives in any queue.", true, "It starts on arrival."),
      mc(
        "What should you do when a queue grows beyond the standard?",
        ["Tell your team leader", "Use the busy template", "Close old contacts to stop the clock"],
        [0, 1],
        "Never close contacts just to stop the clock.",
      ),
      sc(
        "Social media messages need a first response within…",
        ["1 hour", "4 hours", "1 day"],
        0,
        "Social media: within 1 hour.",
      ),
      tf(
        "Response time is one of the three customer-satisfaction measures of the programme.",
        true,
        "Satisfaction score, complaint rate and response time.",
      ),
    ],
    publish: true,
  },
  {
    title: "The new CRM system",
    summary:
      "Everything an agent needs in the new CRM: the customer view, cases, knowledge articles and reports.",
    category: "TECHNOLOGY",
    estimatedMinutes: 45,
    tags: "crm, tools, technology",
    coverColor: "indigo",
    coverIcon: "💻",
    quiz: { passMark: 80, attemptsAllowed: 2, timeLimitMinutes: 20, drawCount: 8 },
    lessons: [
      {
        title: "Signing in and the home screen",
        body: "Sign in with your company account. The home screen shows **My open cases**, **Team queue** and **Announcements**.",
      },
      {
        title: "The 360° customer view",
        body: "Search by name, phone or order number. The customer view shows contact history, open cases, orders and satisfaction scores in one place.",
      },
      {
        title: "Working a case",
        body: "Each case has an **owner**, a **status** (New, In progress, Waiting on customer, Resolved) and a **due time** from the response-time standards.",
      },
      {
        title: "Knowledge articles",
        body: "Type a keyword in the case to see suggested articles. Attach the article you used: it helps the next colleague and improves the article ranking.",
      },
      {
        title: "Your personal dashboard",
        body: "Your dashboard shows cases handled, average handling time and the satisfaction score of your closed cases this month.",
      },
    ],
    questions: [
      sc(
        "Which is NOT a case status?",
        ["New", "Waiting on customer", "Escalated to marketing", "Resolved"],
        2,
        "The four statuses are New, In progress, Waiting on customer, Resolved.",
      ),
      mc(
        "How can you search for a customer?",
        ["Name", "Phone", "Order number", "Favourite colour"],
        [0, 1, 2],
        "Name, phone or order number.",
      ),
      tf(
        "Attaching the knowledge article you used improves its ranking.",
        true,
        "Attached articles rank higher.",
      ),
      sc(
        "Where does a case's due time come from?",
        ["The agent chooses it", "The response-time standards", "The customer"],
        1,
        "Due times follow the response-time standards.",
      ),
      sa(
        "What is the name of the view that shows a customer's whole history?",
        ["360", "360 view", "360° customer view", "customer view"],
        "The 360° customer view.",
      ),
      tf("The home screen shows your open cases.", true, "My open cases is on the home screen."),
      sc(
        "What does the personal dashboard NOT show?",
        ["Cases handled", "Average handling time", "Colleagues' salaries"],
        2,
        "Only your own work figures.",
      ),
      mc(
        "Which are on the home screen?",
        ["My open cases", "Team queue", "Announcements", "Payroll"],
        [0, 1, 2],
        "Three panels: open cases, team queue, announcements.",
        true,
      ),
      tf("Every case has exactly one owner.", true, "A case has one owner at a time."),
      sc(
        "How do you sign in to the CRM?",
        ["With your company account", "With a shared team password", "No sign-in needed"],
        0,
        "Always your own company account.",
      ),
    ],
    publish: true,
  },
  {
    title: "Customer feedback and loyalty basics",
    summary:
      "What satisfaction and loyalty scores mean, how we collect feedback and how you can move the numbers.",
    category: "SOFT_SKILLS",
    estimatedMinutes: 25,
    tags: "feedback, loyalty, nps, csat",
    coverColor: "grape",
    coverIcon: "💬",
    quiz: { passMark: 70, attemptsAllowed: 3, timeLimitMinutes: null, drawCount: 0 },
    lessons: [
      {
        title: "CSAT and NPS",
        body: "**CSAT** asks *How satisfied were you?* (1–5) right after a contact.\n\n**NPS** asks *How likely are you to recommend us?* (0–10): promoters 9–10, passives 7–8, detractors 0–6.",
      },
      {
        title: "Collecting feedback",
        body: "Surveys are sent automatically after a case is resolved. Never ask a customer for a high score: it breaks trust and the data.",
      },
      {
        title: "Turning feedback into action",
        body: "Read the comments, not just the scores. Each week the team picks one theme and submits an improvement idea.",
      },
    ],
    questions: [
      sc("NPS promoters score…", ["7–8", "9–10", "0–6"], 1, "Promoters give 9 or 10."),
      sc("CSAT is asked on a scale of…", ["1–5", "0–10", "1–100"], 0, "CSAT uses 1–5."),
      tf("It is fine to ask customers to give a high score.", false, "Never ask for a score."),
      sa("What does the N in NPS stand for?", ["Net"], "Net Promoter Score."),
      mc("Which are detractor scores?", ["3", "6", "7", "9"], [0, 1], "Detractors score 0–6."),
      tf("Surveys are sent automatically after a case is resolved.", true, "Yes, automatically."),
      sc(
        "What does the team do each week with feedback?",
        ["Nothing", "Picks one theme and submits an improvement idea", "Deletes negative comments"],
        1,
        "One theme, one idea.",
      ),
      tf("Passives score 7 or 8.", true, "Passives: 7–8."),
    ],
    publish: true,
  },
  {
    title: "Data backup and recovery basics",
    summary:
      "How customer data is protected during the change: backups, recovery, and your part in keeping data safe.",
    category: "COMPLIANCE",
    estimatedMinutes: 20,
    tags: "data, backup, security, compliance",
    coverColor: "orange",
    coverIcon: "🛡️",
    quiz: { passMark: 80, attemptsAllowed: 3, timeLimitMinutes: 10, drawCount: 0 },
    lessons: [
      {
        title: "Why backups matter during a change",
        body: "System changes are when data is most at risk. Every night a full backup of the CRM is taken and checked.",
      },
      {
        title: "The 3-2-1 rule",
        body: "Keep **3** copies of data, on **2** kinds of storage, with **1** copy off-site.",
      },
      {
        title: "Recovery",
        body: "If data is lost, IT restores from the last verified backup. The target: back in service within **4 hours**, losing at most **1 day** of data.",
      },
      {
        title: "Your part",
        body: "- Save customer documents in the CRM, never on your desktop.\n- Report lost or strange data at once.\n- Never e-mail customer data to private addresses.",
      },
    ],
    questions: [
      sc(
        "In the 3-2-1 rule, how many copies are off-site?",
        ["1", "2", "3"],
        0,
        "One copy off-site.",
      ),
      sa("How many copies of data does the 3-2-1 rule keep?", ["3", "three"], "Three copies."),
      tf(
        "Saving customer documents on your desktop is acceptable if it is backed up.",
        false,
        "Always save them in the CRM.",
      ),
      sc(
        "What is the recovery time target?",
        ["4 hours", "1 day", "1 week"],
        0,
        "Back in service within 4 hours.",
      ),
      mc(
        "Which are your responsibilities?",
        [
          "Save documents in the CRM",
          "Report lost data at once",
          "E-mail data to a private address as a spare copy",
        ],
        [0, 1],
        "Never e-mail data to private addresses.",
      ),
      tf("A full CRM backup is taken every night.", true, "Nightly and verified."),
      sc(
        "When is data most at risk?",
        ["During system changes", "At weekends", "Never"],
        0,
        "Changes are the riskiest time.",
      ),
      tf(
        "At most one day of data may be lost in a recovery.",
        true,
        "The recovery point objective is one day.",
      ),
    ],
    publish: true,
  },
  {
    title: "Process automation (RPA) basics",
    summary:
      "What software robots do in our new processes, what they don't, and how to work alongside them.",
    category: "TECHNOLOGY",
    estimatedMinutes: 20,
    tags: "rpa, automation, technology",
    coverColor: "cyan",
    coverIcon: "🤖",
    quiz: { passMark: 70, attemptsAllowed: null, timeLimitMinutes: null, drawCount: 0 },
    lessons: [
      {
        title: "What is RPA?",
        body: "**Robotic process automation** uses software robots to do repetitive, rule-based screen work: copying order data, sending standard confirmations.",
      },
      {
        title: "What robots do in our processes",
        body: "- Create CRM cases from web forms.\n- Send refund confirmations.\n- Update delivery status from the carrier.",
      },
      {
        title: "Working with robots",
        body: "Robots hand over exceptions to people. When you pick up an exception, read the robot's note first: it says which rule failed.",
      },
    ],
    questions: [
      sc(
        "RPA is best for work that is…",
        ["Creative", "Repetitive and rule-based", "Emotional"],
        1,
        "Rule-based, repetitive work.",
      ),
      tf("Robots hand exceptions over to people.", true, "Exceptions go to people."),
      mc(
        "Which tasks do our robots do?",
        ["Create cases from web forms", "Send refund confirmations", "Calm angry customers"],
        [0, 1],
        "People handle conversations.",
      ),
      sa("What does the R in RPA stand for?", ["Robotic"], "Robotic process automation."),
      sc(
        "What should you read first when picking up an exception?",
        ["The robot's note", "The customer's social media", "Nothing"],
        0,
        "The note says which rule failed.",
      ),
      tf(
        "RPA replaces the need for any human review.",
        false,
        "People handle exceptions and review.",
      ),
      sc(
        "Where do robots get delivery status from?",
        ["The carrier", "The customer", "Guesswork"],
        0,
        "From the carrier.",
      ),
      tf(
        "Robots work on screens and data like a person would, following rules.",
        true,
        "That is what RPA does.",
      ),
    ],
    publish: true,
  },
  {
    title: "Handling difficult conversations",
    summary: "Staying calm and helpful when a customer is upset. (Draft: lessons being written.)",
    category: "SOFT_SKILLS",
    estimatedMinutes: 30,
    tags: "soft skills, de-escalation",
    coverColor: "red",
    coverIcon: "🤝",
    lessons: [
      {
        title: "Listen first",
        body: "Let the customer finish. Summarise what you heard before you answer.",
      },
      {
        title: "Name the feeling",
        body: "*I can hear this has been really frustrating.* Naming the feeling lowers the temperature.",
      },
    ],
    questions: [],
    publish: false,
  },
];
