// E-mail messages to text: headers unfolded, MIME parts walked, text/plain and text/html bodies decoded.
import { htmlToText } from "./html-text.js";
import { decodeBody, decodeEncodedWords } from "./mime.js";

/** A parsed message: lower-cased header names (first occurrence wins), subject and body text. */
export interface Email {
  readonly headers: ReadonlyMap<string, string>;
  readonly subject: string;
  /** The text of every text part (HTML reduced to its visible words; the plain part of an alternative). */
  readonly body: string;
}

/** Splits a message or MIME part at the first blank line into its header block and body. */
function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const match = /\r?\n\r?\n/.exec(raw);
  const head = match ? raw.slice(0, match.index) : raw;
  const body = match ? raw.slice(match.index + match[0].length) : "";
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0 || line.startsWith("From ")) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** A parameter of a header value such as `text/plain; charset="utf-8"`. */
function parameter(value: string, name: string): string | undefined {
  const match = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(value);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** The text of one part (recursing into multiparts). */
function partText(headers: ReadonlyMap<string, string>, body: string, depth: number): string {
  const contentType = headers.get("content-type") ?? "text/plain";
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (mediaType.startsWith("multipart/")) {
    const boundary = parameter(contentType, "boundary");
    if (boundary === undefined || depth > 8) return "";
    const parts = body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith("--"))
      .map((part) => splitHeaders(part.replace(/^[ \t]*\r?\n/, "")));
    const texts = parts.map((part) => ({
      type: (part.headers.get("content-type") ?? "text/plain").toLowerCase(),
      text: partText(part.headers, part.body, depth + 1),
    }));
    if (mediaType === "multipart/alternative") {
      const plain = texts.find((part) => part.type.startsWith("text/plain") && part.text !== "");
      return (plain ?? texts.find((part) => part.text !== ""))?.text ?? "";
    }
    return texts
      .map((part) => part.text)
      .filter((text) => text !== "")
      .join("\n");
  }
  const isText =
    mediaType === "text/plain" || mediaType === "text/html" || !mediaType.includes("/");
  if (!isText) return "";
  const encoding = headers.get("content-transfer-encoding") ?? "7bit";
  const decoded = decodeBody(body, encoding, parameter(contentType, "charset") ?? "us-ascii");
  return (mediaType === "text/html" ? htmlToText(decoded) : decoded).trim();
}

/**
 * A raw RFC 822 message (with MIME parts) as headers, subject and body text.
 * @example parseEmail("Subject: Hi\n\nHello").body; // "Hello"
 */
export function parseEmail(raw: string): Email {
  const { headers, body } = splitHeaders(raw);
  return {
    headers,
    subject: decodeEncodedWords(headers.get("subject") ?? ""),
    body: partText(headers, body, 0),
  };
}

/**
 * The text a spam filter reads: the subject, then the body.
 * @example emailText("Subject: Free money\n\n<b>now</b>"); // "Free money\n<b>now</b>"
 */
export function emailText(raw: string): string {
  const { subject, body } = parseEmail(raw);
  return subject === "" ? body : `${subject}\n${body}`;
}
