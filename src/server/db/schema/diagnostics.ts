import { check, pgTable, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { id, timestamps } from "./columns";

/** Round-trip probes recorded from the status page: proves the write path end to end. */
export const diagnosticPings = pgTable(
  "diagnostic_pings",
  {
    id: id(),
    label: text("label").notNull(),
    ...timestamps(),
  },
  (t) => [check("diagnostic_pings_label_length", sql`char_length(${t.label}) between 1 and 80`)],
);
