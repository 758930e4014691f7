// SpamAssassin: counts, labels, text extraction, seeded stratified split and TF-IDF on the training part.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import {
  loadSpamAssassin,
  loadSpamAssassinEmails,
  type SpamEmail,
  type TextSamples,
} from "../../../src/data/node/spam-assassin.js";
import { TfidfVectorizer } from "../../../src/data/text/tfidf-vectorizer.js";

let emails: SpamEmail[] = [];
let split: { train: TextSamples; test: TextSamples };

before(async () => {
  emails = await loadSpamAssassinEmails();
  split = await loadSpamAssassin({ seed: 0 });
});

test("6,046 messages, 1,896 spam, in five groups", () => {
  assert.equal(emails.length, 6046);
  assert.equal(emails.filter((e) => e.spam).length, 1896);
  const groups = new Map<string, number>();
  for (const email of emails) groups.set(email.group, (groups.get(email.group) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(groups), {
    "easy-ham-1": 2500,
    "easy-ham-2": 1400,
    "hard-ham-1": 250,
    "spam-1": 500,
    "spam-2": 1396,
  });
  assert.equal(new Set(emails.map((e) => e.id)).size, 6046);
});

test("texts start with the subject and hold decoded body words", () => {
  const first = emails.find((e) => e.group === "spam-1" && e.id === "spam-1/00001")!;
  assert.ok(first.text.startsWith("Life Insurance - Why Pay More?\n"), first.text.slice(0, 60));
  assert.ok(!first.text.includes("<"), "HTML tags are stripped");
  assert.ok(first.text.includes("Save up to 70% on Life Insurance"));
  assert.ok(emails.filter((e) => e.text.trim().length < 20).length <= 5);
});

test("the split is stratified (20% of each class), seeded and disjoint", () => {
  const { train, test } = split;
  assert.equal(test.texts.length, 1209);
  assert.equal(train.texts.length, 4837);
  assert.equal(test.labels.sum().item(), 379);
  assert.equal(train.labels.sum().item(), 1517);
  assert.equal(new Set([...train.ids, ...test.ids]).size, 6046);
  assert.equal(train.labels.dtype, "float32");
});

test("TF-IDF on the training texts: vocabulary size and unit rows", () => {
  const vectorizer = new TfidfVectorizer({ minCount: 2, sublinearTf: true });
  const X = vectorizer.fitTransform(split.train.texts);
  assert.equal(X.rows, 4837);
  assert.ok(X.cols > 20_000 && X.cols < 60_000, `vocabulary ${X.cols}`);
  const norms = Array.from({ length: 50 }, (_, i) =>
    Math.hypot(...X.values.subarray(X.indptr[i]!, X.indptr[i + 1]!)),
  );
  for (const norm of norms) assert.ok(norm === 0 || Math.abs(norm - 1) < 1e-5);
  assert.equal(vectorizer.transform(split.test.texts).cols, X.cols);
});
