import type { Agent, Department } from "../language/index.js";

// The demo data's vocabulary: who works there, what customers are called, what they write. The
// random draws (draws.ts) choose among these by index; generate.ts builds the chats from them.

/** The fixed tag vocabulary of generated customers. */
export const TAG_VOCABULARY = [
  "Paid",
  "Lead",
  "VIP",
  "Trial",
  "Churned",
  "Enterprise",
  "Partner",
  "Beta",
  "Newsletter",
  "Needs follow-up",
] as const;

export const AGENTS: readonly Agent[] = [
  { id: 3129, name: "Kosta", email: "kosta@company.com", role: "admin" },
  { id: 6668, name: "Donald", email: "donald@blabla.co", role: "admin" },
  { id: 3140, name: "Zoë Müller", email: "zoe.mueller@company.com", role: "agent" },
  { id: 3155, name: "Олег Петренко", email: "oleg@company.com", role: "agent" },
  { id: 3171, name: "王芳", email: "wang.fang@company.com", role: "agent" },
  { id: 3188, name: "فاطمة الزهراء", email: "fatima@company.com", role: "agent" },
  { id: 4012, name: "José Álvarez", email: "jose.alvarez@company.com", role: "agent" },
  { id: 4025, name: "Łukasz Wróbel", email: "lukasz@company.com", role: "agent" },
  { id: 4031, name: "田中 優希", email: "yuki.tanaka@company.com", role: "agent" },
  { id: 4477, name: "Amélie Dubois", email: "amelie@company.com", role: "agent" },
  { id: 5120, name: "Ngozi Okafor", email: "ngozi@company.com", role: "agent" },
  { id: 5206, name: "Søren Holm", email: null, role: "owner" },
];

export const DEPARTMENTS: readonly Department[] = [
  { id: 101, name: "Support", agents: [3129, 3140, 3155, 4025, 5120] },
  { id: 102, name: "Sales", agents: [6668, 4012, 4477] },
  { id: 103, name: "Billing", agents: [3171, 3188] },
  { id: 104, name: "Доставка 🚚", agents: [3155, 4031, 5206] },
];

export const FIRST_NAMES = [
  "Michael",
  "Laura",
  "Emanuel",
  "Kevin",
  "Borat",
  "Chloé",
  "François",
  "Björn",
  "Ærin",
  "Иван",
  "Анастасия",
  "Дмитрий",
  "李雷",
  "韩梅梅",
  "さくら",
  "김민준",
  "محمد",
  "ليلى",
  "Oğuz",
  "Nguyễn Văn An",
  "Priya",
  "Sipho",
  "Mateus",
  "Ingrid",
];
export const LAST_NAMES = [
  "Smith",
  "García",
  "Kowalski",
  "Соколов",
  "O'Brien",
  "Nakamura",
  "Haddad",
  "",
  "",
  "",
];
export const EMAIL_DOMAINS = [
  "hellomail.com",
  "mybusiness.io",
  "example.co.uk",
  "homealone.io",
  "example.com",
  "почта.рф",
];

export const MESSAGES = [
  "May I know how crucial is this for you?",
  "Can you bear with us for a while? :slightly_smiling_face:",
  "That would be great, thanks!",
  "Hi Kevin,\nThank you for reaching out. That integration is one of the most requested features.",
  "Hello,\nThank you for reaching out.",
  "Merci beaucoup ! Ça marche très bien maintenant 🎉",
  "¿Podrían enviarme la factura de marzo?",
  "Спасибо, всё работает 👍",
  "Здравствуйте! Не могу войти в личный кабинет.\nПишет «неверный пароль».",
  "请问你们支持退款吗？",
  "ありがとうございます！😊",
  "مرحبا، أحتاج إلى مساعدة في الدفع",
  "The invoice shows the wrong VAT number 😕",
  "Our team upgraded to the Enterprise plan — please confirm 🙏",
  "Ok",
  "I'll check and get back to you.\n\nBest,\nSupport",
  "Straße und Hausnummer sind falsch übernommen worden.",
  "🔥🔥🔥",
  "Can I change my email address?",
  "Thanks for the quick reply!",
];
