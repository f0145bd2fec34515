/**
 * Plays the user at the simulator's consent page over plain HTTP (the Playwright tests click it
 * in Chromium instead): read the authorize page, submit Allow or Deny, follow the redirect to the
 * app's loopback receiver (optionally altered first, to forge a wrong state).
 */
export async function consent(
  authorizeUrl: string,
  decision: 'allow' | 'deny',
  alter: (location: URL) => URL = (l) => l,
): Promise<{ status: number; text: string; location: string }> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  const id = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  if (!id) throw new Error(`no consent form (${page.status}): ${html.slice(0, 300)}`);
  const post = await fetch(new URL('/oauth/authorize', authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: id, decision }).toString(),
    redirect: 'manual',
  });
  const location = post.headers.get('location');
  if (post.status !== 302 || !location) throw new Error(`consent answered ${post.status}`);
  const back = await fetch(alter(new URL(location)));
  return { status: back.status, text: await back.text(), location };
}
