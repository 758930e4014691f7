// E-mail parsing: headers, encoded words, quoted-printable, base64, multipart and HTML bodies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { emailText, parseEmail } from "../../../src/data/datasets/email.js";
import { htmlToText } from "../../../src/data/datasets/html-text.js";
import {
  decodeBase64,
  decodeEncodedWords,
  decodeQuotedPrintable,
} from "../../../src/data/datasets/mime.js";

test("headers are unfolded and lower-cased; the body follows the first blank line", () => {
  const email = parseEmail(
    "From x@y  Mon Jun 24\nSubject: Hello\n  there\nX-A: 1\nX-A: 2\n\nBody line\n\nmore",
  );
  assert.equal(email.subject, "Hello there");
  assert.equal(email.headers.get("x-a"), "1");
  assert.equal(email.body, "Body line\n\nmore");
  assert.equal(emailText("X: 1\n\nno subject"), "no subject");
});

test("quoted-printable, base64 and RFC 2047 encoded words decode with their charset", () => {
  assert.equal(decodeQuotedPrintable("caf=E9 =\nau lait=3D"), "caf\u00e9 au lait=");
  assert.equal(decodeBase64("SGVs\nbG8="), "Hello");
  assert.equal(
    decodeEncodedWords("=?utf-8?B?w6lsw6h2ZQ==?= =?iso-8859-1?Q?caf=E9_cr=E8me?="),
    "élèvecafé crème",
  );
  const qp = parseEmail(
    'Subject: x\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\nna=C3=AFve =\nword',
  );
  assert.equal(qp.body, "naïve word");
  const b64 = parseEmail(
    "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nw6ljb2xl\n",
  );
  assert.equal(b64.body, "école");
});

test("HTML keeps visible words only, with entities decoded", () => {
  assert.equal(
    htmlToText(
      "<html><style>p{}</style><p>Free&nbsp;<b>MONEY</b> &amp; &#36;5 &#x41;</p><!-- hidden --><script>x()</script></html>",
    ),
    "Free MONEY & $5 A",
  );
  assert.equal(parseEmail("Content-Type: text/html\n\n<p>Hi&lt;3</p>").body, "Hi<3");
});

test("multipart: the plain part of an alternative, every text part of a mixed message, no attachments", () => {
  const raw = [
    'Subject: Offer\nContent-Type: multipart/mixed; boundary="outer"\n',
    "--outer",
    'Content-Type: multipart/alternative; boundary="inner"\n',
    "--inner\nContent-Type: text/plain\n\nplain words\n--inner\nContent-Type: text/html\n\n<b>html words</b>\n--inner--",
    "--outer\nContent-Type: text/html\n\n<i>second part</i>",
    "--outer\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\nAAECAw==",
    "--outer--\n",
  ].join("\n");
  assert.equal(parseEmail(raw).body, "plain words\nsecond part");
  assert.equal(emailText(raw), "Offer\nplain words\nsecond part");
  const htmlOnly =
    "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/html\n\n<p>only html</p>\n--b--";
  assert.equal(parseEmail(htmlOnly).body, "only html");
});
