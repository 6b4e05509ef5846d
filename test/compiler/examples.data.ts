/** The public examples of the HCQL contract, copied from the spec (now = 1750000000, UTC unless stated). */
export const EXAMPLE_NOW = 1750000000;

export interface CompileExample {
  query: string;
  options?: { timeZone?: string };
  body?: unknown;
  bodies?: unknown[];
}
export interface DiagnosticExample {
  query: string;
  exit?: number;
  expect: { code: string; span?: { start: number; end: number }; anySpan?: boolean; hintMentions?: string }[];
}

export const COMPILE_EXAMPLES: CompileExample[] = [
  {
    query: 'status = 5 or tags = "Paid" sort by lastMessageAt asc limit 10',
    body: {
      filter: [
        {
          field: "chats.status",
          operator: "=",
          value: "5",
        },
        {
          field: "chats.customer.tagsData",
          operator: "=",
          value: [
            {
              name: "Paid",
            },
          ],
        },
      ],
      comparison: "OR",
      sort: "chats.lastMessageAt",
      order: "ASC",
      limit: 10,
    },
  },
  {
    query: "status = pending",
    body: {
      filter: [
        {
          field: "chats.status",
          operator: "=",
          value: "3",
        },
      ],
    },
  },
  {
    query: "rating = great and assignee = 3129 sort by closedAt desc limit 50 offset 100",
    body: {
      filter: [
        {
          field: "chats.rating",
          operator: "=",
          value: "great",
        },
        {
          field: "chats.assignee",
          operator: "=",
          value: 3129,
        },
      ],
      comparison: "AND",
      sort: "chats.closedAt",
      order: "DESC",
      limit: 50,
      offset: 100,
    },
  },
  {
    query: 'email contains "@example.com"',
    body: {
      filter: [
        {
          field: "chats.customer.email",
          operator: "~",
          value: "@example.com",
        },
      ],
    },
  },
  {
    query: "createdAt > 2020-06-24",
    body: {
      filter: [
        {
          field: "chats.createdAt",
          operator: ">=",
          value: 1593043200,
        },
      ],
    },
  },
  {
    query: "createdAt = 2020-06-24",
    body: {
      filter: [
        {
          field: "chats.createdAt",
          operator: ">=",
          value: 1592956800,
        },
        {
          field: "chats.createdAt",
          operator: "<",
          value: 1593043200,
        },
      ],
      comparison: "AND",
    },
  },
  {
    query: "createdAt >= 2020-06-24",
    options: {
      timeZone: "Europe/Berlin",
    },
    body: {
      filter: [
        {
          field: "chats.createdAt",
          operator: ">=",
          value: 1592949600,
        },
      ],
    },
  },
  {
    query: "createdAt > 7d ago",
    body: {
      filter: [
        {
          field: "chats.createdAt",
          operator: ">",
          value: 1749395200,
        },
      ],
    },
  },
  {
    query: "updatedAt between 2020-06-01 and 2020-06-30",
    body: {
      filter: [
        {
          field: "chats.updatedAt",
          operator: ">=",
          value: 1590969600,
        },
        {
          field: "chats.updatedAt",
          operator: "<",
          value: 1593561600,
        },
      ],
      comparison: "AND",
    },
  },
  {
    query: 'tags in ("Paid", "Lead")',
    body: {
      filter: [
        {
          field: "chats.customer.tagsData",
          operator: "=",
          value: [
            {
              name: "Paid",
            },
          ],
        },
        {
          field: "chats.customer.tagsData",
          operator: "=",
          value: [
            {
              name: "Lead",
            },
          ],
        },
      ],
      comparison: "OR",
    },
  },
  {
    query: "not status = closed",
    body: {
      filter: [
        {
          field: "chats.status",
          operator: "!=",
          value: "6",
        },
      ],
    },
  },
  {
    query: "status = new or (tags = VIP and tags = Paid)",
    body: {
      filter: [
        {
          field: "chats.status",
          operator: "=",
          value: "1",
        },
        {
          field: "chats.customer.tagsData",
          operator: "=",
          value: [
            {
              name: "VIP",
            },
            {
              name: "Paid",
            },
          ],
        },
      ],
      comparison: "OR",
    },
  },
  {
    query: "sort by lastCustomerMessageAt desc limit 5",
    body: {
      filter: [],
      sort: "chats.lastCustomerMessageAt",
      order: "DESC",
      limit: 5,
    },
  },
  {
    query: "(status = pending and assignee = 3129) or rating = poor or tags = VIP",
    bodies: [
      {
        filter: [
          {
            field: "chats.status",
            operator: "=",
            value: "3",
          },
          {
            field: "chats.assignee",
            operator: "=",
            value: 3129,
          },
        ],
        comparison: "AND",
        sort: "chats.createdAt",
        order: "DESC",
        limit: 100,
      },
      {
        filter: [
          {
            field: "chats.rating",
            operator: "=",
            value: "poor",
          },
          {
            field: "chats.customer.tagsData",
            operator: "=",
            value: [
              {
                name: "VIP",
              },
            ],
          },
        ],
        comparison: "OR",
        sort: "chats.createdAt",
        order: "DESC",
        limit: 100,
      },
    ],
  },
  {
    query: "status in (new, opened) and department = 12 limit 10",
    bodies: [
      {
        filter: [
          {
            field: "chats.status",
            operator: "=",
            value: "1",
          },
          {
            field: "chats.department",
            operator: "=",
            value: 12,
          },
        ],
        comparison: "AND",
        sort: "chats.createdAt",
        order: "DESC",
        limit: 10,
      },
      {
        filter: [
          {
            field: "chats.status",
            operator: "=",
            value: "2",
          },
          {
            field: "chats.department",
            operator: "=",
            value: 12,
          },
        ],
        comparison: "AND",
        sort: "chats.createdAt",
        order: "DESC",
        limit: 10,
      },
    ],
  },
  {
    query: "status = new and status = closed",
    bodies: [],
  },
  {
    query: 'tags in ("A", "B") and tags = "C"',
    body: {
      filter: [
        {
          field: "chats.customer.tagsData",
          operator: "=",
          value: [
            {
              name: "A",
            },
            {
              name: "C",
            },
          ],
        },
        {
          field: "chats.customer.tagsData",
          operator: "=",
          value: [
            {
              name: "B",
            },
            {
              name: "C",
            },
          ],
        },
      ],
      comparison: "OR",
    },
  },
];

export const DIAGNOSTIC_EXAMPLES: DiagnosticExample[] = [
  {
    query: 'tags != "Paid"',
    expect: [
      {
        code: "operator-not-allowed",
        span: {
          start: 5,
          end: 7,
        },
      },
    ],
  },
  {
    query: "stauts = 1",
    expect: [
      {
        code: "unknown-field",
        span: {
          start: 0,
          end: 6,
        },
        hintMentions: "status",
      },
    ],
  },
  {
    query: "rating = good",
    expect: [
      {
        code: "invalid-value",
        span: {
          start: 9,
          end: 13,
        },
      },
    ],
  },
  {
    query: "status = 5 or",
    expect: [
      {
        code: "syntax",
        span: {
          start: 13,
          end: 13,
        },
      },
    ],
  },
  {
    query: "sort by email",
    expect: [
      {
        code: "not-sortable",
        span: {
          start: 8,
          end: 13,
        },
      },
    ],
  },
  {
    query: 'not tags = "Paid"',
    expect: [
      {
        code: "cannot-negate",
        span: {
          start: 0,
          end: 3,
        },
      },
    ],
  },
  {
    query: 'createdAt > "2020-06-24"',
    expect: [
      {
        code: "invalid-value",
        span: {
          start: 12,
          end: 24,
        },
      },
    ],
  },
  {
    query: "stauts = 1 and rating = good",
    expect: [
      {
        code: "unknown-field",
        span: {
          start: 0,
          end: 6,
        },
      },
      {
        code: "invalid-value",
        span: {
          start: 24,
          end: 28,
        },
      },
    ],
  },
  {
    query: "limit 0",
    expect: [
      {
        code: "invalid-value",
        span: {
          start: 6,
          end: 7,
        },
      },
    ],
  },
  {
    query: "status = new and status = closed",
    exit: 0,
    expect: [
      {
        code: "never-matches",
        anySpan: true,
      },
    ],
  },
];
