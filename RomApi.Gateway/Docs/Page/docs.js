// The ROMAPI reference: Scalar's API reference and try-it console over the gateway's combined document, with nothing
// loaded from elsewhere (the page's CSP allows this origin only).
Scalar.createApiReference('#app', {
  url: '/docs/openapi.json',
  title: 'ROMAPI — API reference',
  theme: 'default',
  layout: 'modern',
  withDefaultFonts: false,
  hideClientButton: false,
  showDeveloperTools: 'never',
  persistAuth: false,
  defaultOpenAllTags: false,
  defaultHttpClient: { targetKey: 'shell', clientKey: 'curl' },
  hiddenClients: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
});
