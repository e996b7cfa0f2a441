import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ROLES } from "@/lib/auth/permissions";
import { registerPath, z } from "@/lib/http/openapi";
import { changePasswordSchema, inviteSchema, profileSchema } from "@/lib/users/commands";

const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    status: z.enum(["active", "invited", "deactivated"]),
    lastSignInAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("User");
const linkSchema = z
  .object({ expiresAt: z.string(), emailed: z.boolean(), link: z.string().optional().openapi({ description: "the one-time set-password URL; present only when no SMTP is configured" }) })
  .openapi("PasswordLinkIssued");

/** /api/v1/users (issue 13). */
export function registerOpenApi(registry: OpenAPIRegistry) {
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
  const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
  const idParam = z.object({ id: z.string().openapi({ description: "User id" }) });
  registerPath(registry, { method: "get", path: "/users", tags: ["Users"], summary: "List people (ARCHITECT): role, status, last sign-in", responses: { 200: json(z.object({ data: z.array(userSchema) }), "All users but system users") } });
  registerPath(registry, {
    method: "post",
    path: "/users",
    tags: ["Users"],
    summary: "Invite a user (ARCHITECT): a one-time set-password link valid 7 days, emailed through the outbox when SMTP is configured",
    request: body(inviteSchema),
    responses: { 201: json(z.object({ user: userSchema, invitation: linkSchema }), "The invited user") },
  });
  registerPath(registry, {
    method: "patch",
    path: "/users/{id}",
    tags: ["Users"],
    summary: "Change role and/or deactivate/reactivate (ARCHITECT). 409 for the last active ARCHITECT. Deactivation ends sessions and API tokens at once.",
    request: { params: idParam, ...body(z.object({ role: z.enum(ROLES).optional(), active: z.boolean().optional() })) },
    responses: { 200: json(userSchema, "The user") },
  });
  registerPath(registry, {
    method: "post",
    path: "/users/{id}/reset-password",
    tags: ["Users"],
    summary: "Issue a one-time password reset link valid 24 h (ARCHITECT); earlier unused links are voided",
    request: { params: idParam },
    responses: { 201: json(linkSchema, "The link") },
  });
  registerPath(registry, { method: "patch", path: "/users/me", tags: ["Users"], summary: "Change one's own name", request: body(profileSchema), responses: { 200: json(userSchema, "You") } });
  registerPath(registry, {
    method: "post",
    path: "/users/me/password",
    tags: ["Users"],
    summary: "Change one's own password (the current one is required when set); ends one's other sessions",
    request: body(changePasswordSchema),
    responses: { 200: json(z.object({ ok: z.boolean() }), "Changed") },
  });
}
