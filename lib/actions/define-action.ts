import { can, type Permission } from "@/lib/auth/permissions";
import { getSessionActor, type Actor } from "@/lib/auth/session";
import { AppError, type FieldErrors } from "@/lib/errors";
import { log } from "@/lib/log";
import { requireVersion } from "@/lib/validation";

/** What a server action returns to `useActionState`. `values` keeps what the user typed on failure. */
export type ActionState<T = unknown> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; error: string; fields?: FieldErrors; values?: Record<string, string> }
  | null;

/** A server action as forms receive it (`useActionState`); the one declaration every form component uses. */
export type Action<T = { id: string }> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

export type Command<T> = (args: { actor: Actor; input: unknown }) => Promise<T>;

/** FormData → plain object; repeated keys become arrays; checkboxes arrive as "on". */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = all.length > 1 || key.endsWith("[]") ? all : all[0];
  }
  return out;
}

/**
 * Builds a server action from a domain command: session (returns, never
 * throws, when signed out) → command (authorizes, validates with zod, runs
 * the rule, audits) → ActionState with field errors.
 */
export function defineAction<T>(
  command: Command<T>,
  opts: {
    toInput?: (form: FormData) => unknown;
    onSuccess?: (result: T) => void | Promise<void>;
    message?: string;
    /** a state change: an actor holding this permission must send the `version` it saw (issue 11); others get the command's refusal */
    requireVersion?: Permission;
  } = {},
) {
  return async (_prev: ActionState<T>, form: FormData): Promise<ActionState<T>> => {
    const values = Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$ACTION") && !/password/i.test(k))) as Record<string, string>;
    const actor = await getSessionActor();
    if (!actor) return { ok: false, error: "Your session has ended. Sign in again.", values };
    let result: T;
    try {
      const input = opts.toInput ? opts.toInput(form) : formToObject(form);
      if (opts.requireVersion && can(actor.role, opts.requireVersion)) requireVersion(input);
      result = await command({ actor, input });
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.message, fields: error.fields, values };
      log.error({ err: error }, "unhandled error in server action");
      return { ok: false, error: "Something went wrong", values };
    }
    // onSuccess may redirect(): it must run outside the try so Next's redirect signal propagates.
    if (opts.onSuccess) await opts.onSuccess(result);
    return { ok: true, data: result, message: opts.message };
  };
}
