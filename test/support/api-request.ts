/** One REST call as the widget makes it: a Bearer token, and a JSON body when there is one. */
export function apiRequest(
  url: string,
  token: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The response's JSON as the type the caller names from the contract; the test's assertions check it. */
export async function jsonBody<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
