/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // The simulator and bench code are separate Node programs, never bundled into the app.
  outputFileTracingExcludes: { "*": ["simulator/**", "bench/**", "tests/**"] },
  // Security headers (lib/security/csp.ts explains them; keep the two in step). Pages get their nonce-based
  // Content-Security-Policy from proxy.ts; API responses render nothing, so their policy allows nothing.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      {
        source: "/api/:path*",
        headers: [
          {
            key: "Content-Security-Policy",
            value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
          },
        ],
      },
    ];
  },
};

export default nextConfig;
