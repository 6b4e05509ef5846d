import { MISSING_WORDS, statusByName } from "./values.js";

/*
 * The one table of fields. The checker, the planner, completion, `.fields`, the emulator's
 * validation and grammar.md all read it. One thing is written apart on purpose: how a field's value
 * is read from a chat object is written twice, in the emulator's search and in the reference
 * evaluator (`src/testing/reference.ts`), so that the reference stays an independent check.
 */

/** The operators of the API's search filter table. */
export const OPERATORS = ["=", "!=", ">", "<", ">=", "<=", "~", "!~"] as const;
/** A comparison operator as the API takes it. */
export type Operator = (typeof OPERATORS)[number];

/** A way of writing a condition beyond a comparison operator, and the operators it stands for. */
export interface OperatorForm {
  readonly written: string;
  readonly needs: readonly Operator[];
}

/** The predicates written with a word instead of an operator. */
export type SugarKind = "in" | "between" | "contains";

interface SugarForm extends OperatorForm {
  readonly sugar: SugarKind;
  readonly negated: boolean;
}

/** The forms written with words, in the order they are listed: a field allows one when it allows all it needs. */
export const OPERATOR_FORMS = [
  { written: "in", sugar: "in", negated: false, needs: ["="] },
  { written: "not in", sugar: "in", negated: true, needs: ["!="] },
  { written: "between", sugar: "between", negated: false, needs: [">=", "<="] },
  { written: "not between", sugar: "between", negated: true, needs: [">=", "<="] },
  { written: "contains", sugar: "contains", negated: false, needs: ["~"] },
  { written: "not contains", sugar: "contains", negated: true, needs: ["!~"] },
] as const satisfies readonly SugarForm[];

export type OperatorFormName = (typeof OPERATOR_FORMS)[number]["written"];

function sugarForms(kind: SugarKind): readonly [plain: OperatorForm, negated: OperatorForm] {
  const of = (negated: boolean) => OPERATOR_FORMS.find((f) => f.sugar === kind && f.negated === negated)!;
  return [of(false), of(true)];
}

// Looked up once: the checker asks for the form of every predicate (bench row `flat-or-scaling`).
const SUGAR_FORMS: Readonly<Record<SugarKind, readonly [OperatorForm, OperatorForm]>> = {
  in: sugarForms("in"),
  between: sugarForms("between"),
  contains: sugarForms("contains"),
};

/** The form of a sugar predicate, negated or not. */
export function operatorForm(kind: SugarKind, negated: boolean): OperatorForm {
  return SUGAR_FORMS[kind][negated ? 1 : 0];
}

/** Everything that may be written between a field and its value, given the field's operators. */
export function writtenOperators(operators: readonly Operator[]): string[] {
  const forms = OPERATOR_FORMS.filter((form) => form.needs.every((op) => operators.includes(op)));
  return [...operators, ...forms.map((form) => form.written)];
}

/** How HCQL text spells an operator: `~` and `!~` read better as their forms `contains` and `not contains`. */
export function operatorWord(operator: Operator): string {
  if (operator === "~" || operator === "!~") return operatorForm("contains", operator === "!~").written;
  return operator;
}

/** What a field's values are; each type has one value conversion in the checker. */
export type FieldType = "integer" | "date" | "status" | "rating" | "string" | "tag";

/** The API's own operator table, by the JSON type of the field (the seed page's "Accepted operators"). */
export const API_OPERATORS_BY_TYPE: Readonly<Record<FieldType, readonly Operator[]>> = {
  integer: ["=", "!=", ">", "<", ">=", "<="],
  date: ["=", "!=", ">", "<", ">=", "<="],
  // status and rating are strings in the API's table, so it also accepts ~ and !~ for them.
  status: ["=", "!=", "~", "!~"],
  rating: ["=", "!=", "~", "!~"],
  string: ["=", "!=", "~", "!~"],
  tag: ["="],
};

/** A field of the language: its names, type, operators, whether it sorts, and what its ids refer to. */
export interface FieldSpec {
  /** The canonical name the API takes, e.g. `chats.assignee`. */
  readonly name: string;
  /** Names people type, case-insensitive; the first is what the formatter prints. */
  readonly shortNames: readonly string[];
  readonly type: FieldType;
  /** What the field holds, for `.fields`, completion and grammar.md. */
  readonly description: string;
  /** Operators HCQL allows (the API's table, narrowed where the wider set means nothing). */
  readonly operators: readonly Operator[];
  /** Operators the API itself accepts for the field (what the emulator validates against). */
  readonly apiOperators: readonly Operator[];
  /** Whether a chat can hold several values at once (so two different `=` values can both hold). */
  readonly multiValued: boolean;
  /** Whether the field can be used in a filter (false for sort-only fields). */
  readonly filterable: boolean;
  /** Whether `sort by` accepts the field. */
  readonly sortable: boolean;
  /** What the field's integer ids name, when they name an agent or a department (completion offers names). */
  readonly references: "agent" | "department" | undefined;
  /** Why `count by` cannot group by the field; undefined when it can (the chat objects carry its value). */
  readonly notGroupable: string | undefined;
  /**
   * The text fields that find what this id field's ids name, for a text written in its place
   * (`customer = "bob@x.com"` → `email`): an email address for the first, any other text for the last.
   */
  readonly byText: readonly [email: string, other: string] | undefined;
}

const PER_CUSTOMER = "it has a value per customer, which makes no useful group";
const NOT_IN_CHATS = "the API's chat objects do not carry it";

const ORDERED: readonly Operator[] = ["=", "!=", ">", "<", ">=", "<="];
const EQUALITY: readonly Operator[] = ["=", "!="];
const TEXT: readonly Operator[] = ["=", "!=", "~", "!~"];

function field(
  name: string,
  shortNames: readonly string[],
  type: FieldType,
  description: string,
  operators: readonly Operator[],
  extra: Partial<
    Pick<
      FieldSpec,
      "multiValued" | "filterable" | "sortable" | "apiOperators" | "references" | "notGroupable" | "byText"
    >
  > = {},
): FieldSpec {
  return {
    name,
    shortNames,
    type,
    description,
    operators,
    apiOperators: extra.apiOperators ?? API_OPERATORS_BY_TYPE[type],
    multiValued: extra.multiValued ?? false,
    filterable: extra.filterable ?? true,
    sortable: extra.sortable ?? false,
    references: extra.references,
    notGroupable: extra.notGroupable,
    byText: extra.byText,
  };
}

/** Every field a query may name, with its names, type, operators and API field. */
export const FIELDS: readonly FieldSpec[] = [
  field("chats.assignee", ["assignee"], "integer", "id of the agent the chat is assigned to", ORDERED, {
    references: "agent",
  }),
  field(
    "chats.agents",
    ["agents"],
    "integer",
    "id of an agent who wrote in the chat (any of them)",
    EQUALITY,
    { multiValued: true, references: "agent" },
  ),
  field("chats.department", ["department"], "integer", "id of the chat's department", ORDERED, {
    references: "department",
  }),
  field("chats.customer", ["customer"], "integer", "id of the chat's customer", ORDERED, {
    notGroupable: PER_CUSTOMER,
    byText: ["email", "userId"],
  }),
  field("chats.createdAt", ["createdAt"], "date", "when the chat was created", ORDERED, { sortable: true }),
  field("chats.updatedAt", ["updatedAt"], "date", "when the chat was last updated", ORDERED, {
    notGroupable: NOT_IN_CHATS,
  }),
  field("chats.closedAt", ["closedAt"], "date", "when the chat was closed (missing while open)", ORDERED, {
    sortable: true,
  }),
  field("chats.status", ["status"], "status", "the chat's status", EQUALITY),
  field("chats.rating", ["rating"], "rating", "the customer's rating after closing", EQUALITY),
  field("chats.customer.email", ["email", "customer.email"], "string", "the customer's email", TEXT, {
    notGroupable: PER_CUSTOMER,
  }),
  field(
    "chats.customer.userId",
    ["userId", "customer.userId"],
    "string",
    "the customer's own user id",
    TEXT,
    { notGroupable: PER_CUSTOMER },
  ),
  field(
    "chats.customer.tagsData",
    ["tags", "tag", "tagsData", "customer.tags", "customer.tagsData"],
    "tag",
    "a tag of the chat's customer (several tags in one item: all of them)",
    ["="],
    { multiValued: true, notGroupable: NOT_IN_CHATS },
  ),
  field("chats.lastMessageAt", ["lastMessageAt"], "date", "time of the last message (sort only)", [], {
    filterable: false,
    sortable: true,
    apiOperators: [],
  }),
  field(
    "chats.lastCustomerMessageAt",
    ["lastCustomerMessageAt"],
    "date",
    "time of the customer's last message (sort only)",
    [],
    { filterable: false, sortable: true, apiOperators: [] },
  ),
];

const BY_LOWER_NAME: ReadonlyMap<string, FieldSpec> = new Map(
  FIELDS.flatMap((f) => [f.name, ...f.shortNames].map((n) => [n.toLowerCase(), f] as const)),
);

/**
 * What people look for chats by that the API's filter has no field for, by the names they give it
 * (lower case), and what it can search instead: the hint of an unknown field of these names.
 */
const NOT_SEARCHABLE: ReadonlyMap<string, string> = new Map(
  [
    [
      ["name", "customer.name", "customername", "customer_name", "fullname", "chats.customer.name"],
      "a customer's name: search by email or userId",
    ],
    [
      ["message", "messages", "text", "body", "content", "lastmessage", "lastmessagetext", "message.text"],
      "the text of its messages, which no filter reads",
    ],
    // Fields of the chat object that the filter does not take.
    [
      ["closedby", "closed_by", "chats.closedby"],
      "who closed them: search by agents or assignee, or by closedAt",
    ],
    [["snoozeduntil", "snoozed", "chats.snoozeduntil"], "when their snooze ends"],
    [
      ["lastcommunicatedagentid", "lastagent", "chats.lastcommunicatedagentid"],
      "the agent who wrote last: search by agents (every agent who wrote)",
    ],
    [["id", "chatid", "chat_id", "chats.id", "chat.id"], "their own id, which no filter reads"],
  ].flatMap(([names, instead]) => (names as string[]).map((name) => [name, instead as string] as const)),
);

/** What an unknown field's name asks for that the API cannot search, and what to search instead. */
export function notSearchable(name: string): string | undefined {
  return NOT_SEARCHABLE.get(name.toLowerCase());
}

/**
 * Words people use for a field that are not its names (`owner`, `team`, `state`): not accepted (§2
 * lists the names), only for the hint of the field they likely mean; a word that may mean either of
 * two fields (`agent`: assigned, or wrote in the chat) gets both. Keys lower case, without `_` or `-`.
 */
const FIELDS_MEANT_BY: ReadonlyMap<string, readonly string[]> = new Map(
  [
    [
      ["agent", "agentid"],
      ["assignee", "agents"],
    ],
    [["owner", "assignedto", "assignedagent"], ["assignee"]],
    [["dept", "team", "group"], ["department"]],
    [["state"], ["status"]],
    [["label", "labels", "tagged"], ["tags"]],
    [["score", "csat", "satisfaction"], ["rating"]],
    [["date", "created", "opened", "started"], ["createdAt"]],
  ].flatMap(([words, fields]) => words!.map((word) => [word, fields!] as const)),
);

/** The field names a word people use for a field likely means (`owner` → `assignee`); undefined for others. */
export function fieldsMeantBy(word: string): readonly string[] | undefined {
  return FIELDS_MEANT_BY.get(word.toLowerCase().replace(/[_-]/g, ""));
}

/** Finds a field by its canonical or short name, case-insensitively. */
export function lookupField(name: string): FieldSpec | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

/** Whether `word` (`null`, `empty`) asks for a missing value of the field; `status = empty` is a status. */
export function meansMissing(word: string, field: FieldSpec): boolean {
  const lower = word.toLowerCase();
  return MISSING_WORDS.includes(lower) && !(field.type === "status" && statusByName(lower) !== undefined);
}

/** Finds a field by its exact canonical API name (as the emulator and decompiler read bodies). */
export function fieldByApiName(name: string): FieldSpec | undefined {
  return FIELDS.find((f) => f.name === name);
}

/** Every name a field may be written with (canonical and short), for completion and did-you-mean. */
export const FIELD_NAMES: readonly string[] = FIELDS.flatMap((f) => [...f.shortNames, f.name]);

export const FILTER_FIELDS: readonly FieldSpec[] = FIELDS.filter((f) => f.filterable);
export const SORT_FIELDS: readonly FieldSpec[] = FIELDS.filter((f) => f.sortable);
export const GROUP_FIELDS: readonly FieldSpec[] = FIELDS.filter((f) => f.notGroupable === undefined);

/** What a field's values are, in two words or fewer, beside its name in completion lists. */
const KIND_BY_TYPE: Readonly<Record<FieldType, string>> = {
  integer: "id",
  date: "date",
  status: "chat status",
  rating: "customer rating",
  string: "text",
  tag: "customer tag",
};

/** What a field's values are, briefly (`agent id`, `date`, `customer rating`): never its own name again. */
export function fieldKind(f: FieldSpec): string {
  return f.references === undefined ? KIND_BY_TYPE[f.type] : `${f.references} id`;
}

/** The one field of a type the table has one of (status, rating, tag). */
export function fieldOfType(type: "status" | "rating" | "tag"): FieldSpec {
  return FIELDS.find((f) => f.type === type)!;
}

/** The formatter's name for a field: its first short name. */
export function displayName(f: FieldSpec): string {
  return f.shortNames[0] ?? f.name;
}
