import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';

/**
 * Offline OCR with tesseract.js (Tesseract 5 compiled to WebAssembly) and the German and English
 * models that ship inside the `@tesseract.js-data/deu` and `eng` npm packages. Nothing is fetched:
 * the two models are copied from node_modules into one folder under the temporary directory (the
 * packages keep them in separate folders, `langPath` is one), `langPath` names that folder, and
 * `cacheMethod: 'none'` with an explicit `cachePath` keeps tesseract.js from reading or writing a
 * cache anywhere else. Without `langPath` it would download the models from a CDN.
 */
const LANGUAGES = ['deu', 'eng'] as const;

/** The LSTM-only integer models: a third the size of the full ones and faster, as accurate for print. */
const MODEL_FOLDER = '4.0.0_best_int';

const require = createRequire(import.meta.url);

/** Where a language's model lies inside its npm package. */
export function modelFolder(language: string): string {
  return join(dirname(require.resolve(`@tesseract.js-data/${language}/package.json`)), MODEL_FOLDER);
}

/** One Tesseract worker, started on first use and kept for the function's life. */
export class TesseractOcr {
  #worker: Promise<Worker> | null = null;

  #start(): Promise<Worker> {
    const langPath = join(tmpdir(), 'tessdata');
    mkdirSync(langPath, { recursive: true });
    for (const code of LANGUAGES) {
      const file = `${code}.traineddata.gz`;
      if (!existsSync(join(langPath, file)))
        copyFileSync(join(modelFolder(code), file), join(langPath, file));
    }
    return createWorker([...LANGUAGES], OEM.LSTM_ONLY, {
      langPath,
      cachePath: join(tmpdir(), 'tesseract-cache'),
      cacheMethod: 'none',
      gzip: true,
    });
  }

  /** The text of one image (PNG, JPEG, BMP, TIFF, WebP), lines kept. */
  async read(image: Buffer): Promise<string> {
    this.#worker ??= this.#start();
    const worker = await this.#worker;
    const { data } = await worker.recognize(image);
    return data.text;
  }

  async close(): Promise<void> {
    if (this.#worker === null) return;
    const worker = await this.#worker;
    this.#worker = null;
    await worker.terminate();
  }
}
