import { withAuth } from "next-auth/middleware";

/**
 * Redirects signed-out visitors of dashboard pages to /login. Only a
 * convenience: every page, action and route handler authorizes itself. The
 * matcher stays off the public routes (/status, /api/v2, feeds, health) and
 * off /api/v1, which answers 401 JSON itself.
 */
export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/", "/changes/:path*", "/incidents/:path*", "/maintenance/:path*", "/oncall/:path*", "/components/:path*", "/settings/:path*", "/notifications/:path*", "/calendar", "/calendar/:path*", "/admin/:path*"],
};
