/**
 * The shared skeleton of rules over AWS policy documents: find every document a resource carries,
 * parse it, and hand each statement to a predicate. Unparseable documents fail closed; documents
 * not known until apply defer the rule (the engine reports it as "can't run during preview").
 */
import type { ResourceContext } from "../define";
import { deferUnknown } from "../values";
import { parsePolicyDocument, type Statement } from "./iam-document";
import { documentsOf, type DocumentKind } from "./policy-documents";

/** Runs `check` on each statement of each document of the given kinds; reports what it returns. */
export function checkStatements(
  props: Record<string, unknown>,
  ctx: ResourceContext,
  kinds: readonly DocumentKind[],
  check: (statement: Statement, kind: DocumentKind) => string | undefined,
): void {
  for (const doc of documentsOf(ctx.type, props)) {
    if (!kinds.includes(doc.kind)) continue;
    const parsed = parsePolicyDocument(doc.value);
    switch (parsed.kind) {
      case "absent":
        break;
      case "unknown":
        deferUnknown(doc.path);
        break;
      case "invalid":
        ctx.report(`${doc.path} must be a valid policy document; it is ${parsed.problem}.`);
        break;
      case "ok":
        for (const statement of parsed.statements) {
          const problem = check(statement, doc.kind);
          if (problem !== undefined) ctx.report(`${doc.path} ${statement.label}: ${problem}`);
        }
        break;
    }
  }
}

/** Formats a list of values for a message. */
export function quoteAll(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}
