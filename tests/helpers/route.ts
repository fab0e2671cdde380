// Loaders and actions return plain objects, `data(...)` wrappers (single fetch) or Responses,
// and throw Responses for redirects and errors. These helpers read all of them the same way.

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };

function isDataWithInit(value: unknown): value is DataWithInit {
  return typeof value === "object" && value !== null && (value as DataWithInit).type === "DataWithResponseInit";
}

export interface RouteResult<T = any> {
  status: number;
  headers: Headers;
  data: T;
  response?: Response;
}

export async function call<T = any>(fn: () => Promise<unknown> | unknown): Promise<RouteResult<T>> {
  let value: unknown;
  try {
    value = await fn();
  } catch (thrown) {
    value = thrown;
    if (!(thrown instanceof Response) && !isDataWithInit(thrown)) throw thrown;
  }
  if (value instanceof Response) {
    const text = await value.clone().text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // plain text body
    }
    return { status: value.status, headers: value.headers, data: parsed as T, response: value };
  }
  if (isDataWithInit(value)) {
    return { status: value.init?.status ?? 200, headers: new Headers(value.init?.headers), data: value.data as T };
  }
  return { status: 200, headers: new Headers(), data: value as T };
}

export const ctx = (clientIp = "203.0.113.7") => ({ clientIp });
