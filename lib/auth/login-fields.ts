/**
 * What the sign-in form checks before it asks the server (pure): an empty
 * field is named under the field instead of the server's "Wrong email or
 * password", which reads like a rejected password.
 */
export function loginFieldErrors(input: { email: unknown; password: unknown }): { email?: string; password?: string } | null {
  const email = typeof input.email === "string" ? input.email.trim() : "";
  const password = typeof input.password === "string" ? input.password : "";
  const errors: { email?: string; password?: string } = {};
  if (!email) errors.email = "Enter your email address";
  else if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = "Enter a valid email address";
  if (!password) errors.password = "Enter your password";
  return errors.email || errors.password ? errors : null;
}
