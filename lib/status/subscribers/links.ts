import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { pageInfo } from "@/lib/status/queries";

/** Subscriber tokens are stored hashed (the confirmation token) or random (the unsubscribe token). */
export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
export const token = () => randomBytes(24).toString("base64url");

function statusBase() {
  return pageInfo().url.replace(/\/$/, "");
}
export function unsubscribeUrl(t: string) {
  return `${statusBase()}/unsubscribe?token=${encodeURIComponent(t)}`;
}
export function confirmUrl(t: string) {
  return `${statusBase()}/subscribe/confirm?token=${encodeURIComponent(t)}`;
}
