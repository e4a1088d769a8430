import {
  awaitsConfirmation,
  itemsPossiblyCovered,
  missingItems,
  type CaseDocument,
  type CaseFile,
  type CaseLanguage,
} from './case-file.ts';
import { displayLine } from './display-text.ts';
import type { HoldReason } from './parsed-email.ts';
import type { MessageKind } from './outbound-message.ts';
import type { TemplateView } from './message-rendering.ts';

/**
 * Why a file could not be accepted, as an applicant reads it: a plain sentence that says what to
 * do, never a code (`type-mismatch`). Every reason a file can be held for has one in every
 * language (the compiler checks both).
 */
export const APPLICANT_HOLD_REASONS: Readonly<Record<HoldReason, Readonly<Record<CaseLanguage, string>>>> = {
  empty: {
    de: 'Die Datei ist leer. Bitte senden Sie sie erneut.',
    en: 'The file is empty. Please send it again.',
    tr: 'Dosya boş. Lütfen tekrar gönderiniz.',
    uk: 'Файл порожній. Будь ласка, надішліть його ще раз.',
    ar: 'الملف فارغ. نرجو إرساله مرة أخرى.',
    ru: 'Файл пустой. Пожалуйста, отправьте его ещё раз.',
  },
  'too-large': {
    de: 'Die Datei ist zu groß. Bitte senden Sie eine kleinere Fassung (zum Beispiel als PDF).',
    en: 'The file is too large. Please send a smaller version (for example as a PDF).',
    tr: 'Dosya çok büyük. Lütfen daha küçük bir sürümünü (örneğin PDF olarak) gönderiniz.',
    uk: 'Файл завеликий. Будь ласка, надішліть меншу версію (наприклад, як PDF).',
    ar: 'الملف كبير جدًا. نرجو إرسال نسخة أصغر (مثلًا بصيغة PDF).',
    ru: 'Файл слишком большой. Пожалуйста, отправьте версию поменьше (например, в виде PDF).',
  },
  'type-not-allowed': {
    de: 'Diese Dateiart können wir nicht annehmen. Bitte senden Sie PDF-Dateien oder Fotos (JPG, PNG).',
    en: 'We cannot accept this type of file. Please send PDF files or photos (JPG, PNG).',
    tr: 'Bu dosya türünü kabul edemiyoruz. Lütfen PDF dosyaları veya fotoğraflar (JPG, PNG) gönderiniz.',
    uk: 'Цей тип файлів ми не можемо прийняти. Будь ласка, надсилайте файли PDF або фото (JPG, PNG).',
    ar: 'لا يمكننا قبول هذا النوع من الملفات. نرجو إرسال ملفات PDF أو صور (JPG، PNG).',
    ru: 'Этот тип файлов мы не можем принять. Пожалуйста, отправляйте файлы PDF или фото (JPG, PNG).',
  },
  'type-mismatch': {
    de: 'Der Inhalt der Datei passt nicht zu ihrem Namen. Bitte speichern Sie das Dokument als PDF oder Foto und senden Sie es erneut.',
    en: 'The content of the file does not match its name. Please save the document as a PDF or photo and send it again.',
    tr: 'Dosyanın içeriği adıyla uyuşmuyor. Lütfen belgeyi PDF veya fotoğraf olarak kaydedip tekrar gönderiniz.',
    uk: 'Вміст файлу не відповідає його назві. Будь ласка, збережіть документ як PDF або фото і надішліть ще раз.',
    ar: 'محتوى الملف لا يطابق اسمه. نرجو حفظ المستند بصيغة PDF أو كصورة وإرساله مرة أخرى.',
    ru: 'Содержимое файла не соответствует его названию. Пожалуйста, сохраните документ как PDF или фото и отправьте ещё раз.',
  },
  executable: {
    de: 'Die Datei ist ein Programm, kein Dokument. Programme nehmen wir nicht an.',
    en: 'The file is a program, not a document. We do not accept programs.',
    tr: 'Dosya bir belge değil, bir programdır. Program kabul etmiyoruz.',
    uk: 'Файл є програмою, а не документом. Програми ми не приймаємо.',
    ar: 'الملف برنامج وليس مستندًا. لا نقبل البرامج.',
    ru: 'Файл является программой, а не документом. Программы мы не принимаем.',
  },
  'macro-enabled': {
    de: 'Die Datei enthält Makros. Bitte senden Sie das Dokument als PDF.',
    en: 'The file contains macros. Please send the document as a PDF.',
    tr: 'Dosya makro içeriyor. Lütfen belgeyi PDF olarak gönderiniz.',
    uk: 'Файл містить макроси. Будь ласка, надішліть документ як PDF.',
    ar: 'يحتوي الملف على وحدات ماكرو. نرجو إرسال المستند بصيغة PDF.',
    ru: 'Файл содержит макросы. Пожалуйста, отправьте документ как PDF.',
  },
  encrypted: {
    de: 'Die Datei ist mit einem Passwort geschützt. Bitte senden Sie sie ohne Passwort.',
    en: 'The file is protected by a password. Please send it without a password.',
    tr: 'Dosya bir parola ile korunuyor. Lütfen parolasız gönderiniz.',
    uk: 'Файл захищено паролем. Будь ласка, надішліть його без пароля.',
    ar: 'الملف محمي بكلمة مرور. نرجو إرساله بدون كلمة مرور.',
    ru: 'Файл защищён паролем. Пожалуйста, отправьте его без пароля.',
  },
  archive: {
    de: 'Die Datei ist ein gepacktes Archiv (zum Beispiel ZIP). Bitte senden Sie die Dokumente einzeln als PDF oder Foto.',
    en: 'The file is a packed archive (for example ZIP). Please send the documents one by one as PDF files or photos.',
    tr: 'Dosya sıkıştırılmış bir arşivdir (örneğin ZIP). Lütfen belgeleri tek tek PDF veya fotoğraf olarak gönderiniz.',
    uk: 'Файл є стиснутим архівом (наприклад, ZIP). Будь ласка, надішліть документи окремо як PDF або фото.',
    ar: 'الملف أرشيف مضغوط (مثل ZIP). نرجو إرسال المستندات واحدًا تلو الآخر بصيغة PDF أو كصور.',
    ru: 'Файл является сжатым архивом (например, ZIP). Пожалуйста, отправьте документы по отдельности как PDF или фото.',
  },
  'too-deeply-nested': {
    de: 'Die Datei steckt zu tief in weitergeleiteten E-Mails. Bitte hängen Sie sie direkt an eine neue E-Mail an.',
    en: 'The file is nested too deeply in forwarded emails. Please attach it directly to a new email.',
    tr: 'Dosya, iletilmiş e-postaların içinde çok derinde. Lütfen onu doğrudan yeni bir e-postaya ekleyiniz.',
    uk: 'Файл вкладено надто глибоко в переслані листи. Будь ласка, додайте його безпосередньо до нового листа.',
    ar: 'الملف موجود في عمق كبير داخل رسائل معاد توجيهها. نرجو إرفاقه مباشرة برسالة جديدة.',
    ru: 'Файл вложен слишком глубоко в пересланные письма. Пожалуйста, приложите его прямо к новому письму.',
  },
  unreadable: {
    de: 'Die Datei konnte nicht gelesen werden. Bitte senden Sie sie erneut.',
    en: 'The file could not be read. Please send it again.',
    tr: 'Dosya okunamadı. Lütfen tekrar gönderiniz.',
    uk: 'Файл не вдалося прочитати. Будь ласка, надішліть його ще раз.',
    ar: 'تعذرت قراءة الملف. نرجو إرساله مرة أخرى.',
    ru: 'Файл не удалось прочитать. Пожалуйста, отправьте его ещё раз.',
  },
  'winmail-dat': {
    de: 'Ihr E-Mail-Programm hat die Anhänge in eine Datei „winmail.dat“ verpackt, die wir nicht öffnen können. Bitte senden Sie die Dokumente erneut, am besten als PDF.',
    en: 'Your email program packed the attachments into a "winmail.dat" file that we cannot open. Please send the documents again, preferably as PDF files.',
    tr: 'E-posta programınız ekleri açamadığımız bir "winmail.dat" dosyasına paketledi. Lütfen belgeleri tercihen PDF olarak tekrar gönderiniz.',
    uk: 'Ваша поштова програма запакувала вкладення у файл «winmail.dat», який ми не можемо відкрити. Будь ласка, надішліть документи ще раз, краще як PDF.',
    ar: 'قام برنامج البريد لديكم بتجميع المرفقات في ملف «winmail.dat» لا يمكننا فتحه. نرجو إرسال المستندات مرة أخرى، ويفضل بصيغة PDF.',
    ru: 'Ваша почтовая программа упаковала вложения в файл «winmail.dat», который мы не можем открыть. Пожалуйста, отправьте документы ещё раз, лучше как PDF.',
  },
  malware: {
    de: 'In der Datei wurde Schadsoftware gefunden. Bitte prüfen Sie Ihr Gerät und senden Sie das Dokument erneut.',
    en: 'Malicious software was found in the file. Please check your device and send the document again.',
    tr: 'Dosyada zararlı yazılım bulundu. Lütfen cihazınızı kontrol edip belgeyi tekrar gönderiniz.',
    uk: 'У файлі виявлено шкідливе програмне забезпечення. Будь ласка, перевірте свій пристрій і надішліть документ ще раз.',
    ar: 'تم العثور على برنامج ضار في الملف. نرجو فحص جهازكم وإرسال المستند مرة أخرى.',
    ru: 'В файле обнаружена вредоносная программа. Пожалуйста, проверьте своё устройство и отправьте документ ещё раз.',
  },
  'scan-unsupported': {
    de: 'Die Datei konnte nicht auf Schadsoftware geprüft werden. Bitte senden Sie sie als einfaches PDF oder Foto.',
    en: 'The file could not be checked for malicious software. Please send it as a plain PDF or photo.',
    tr: 'Dosya zararlı yazılıma karşı kontrol edilemedi. Lütfen sade bir PDF veya fotoğraf olarak gönderiniz.',
    uk: 'Файл не вдалося перевірити на шкідливе ПЗ. Будь ласка, надішліть його як простий PDF або фото.',
    ar: 'تعذر فحص الملف بحثًا عن برامج ضارة. نرجو إرساله كملف PDF بسيط أو كصورة.',
    ru: 'Файл не удалось проверить на вредоносные программы. Пожалуйста, отправьте его как простой PDF или фото.',
  },
  'scan-failed': {
    de: 'Die Prüfung der Datei ist fehlgeschlagen. Ihre Sachbearbeitung sieht sie sich an; Sie müssen nichts tun.',
    en: 'Checking the file failed. Your caseworker will look at it; you need not do anything.',
    tr: 'Dosyanın kontrolü başarısız oldu. Sorumlu memurunuz dosyaya bakacaktır; bir şey yapmanıza gerek yoktur.',
    uk: 'Перевірка файлу не вдалася. Ваш працівник перегляне його; Вам нічого робити не потрібно.',
    ar: 'فشل فحص الملف. سيطلع عليه الموظف المسؤول؛ لا حاجة لأن تفعلوا شيئًا.',
    ru: 'Проверка файла не удалась. Ваш сотрудник посмотрит его; Вам ничего делать не нужно.',
  },
  'scan-timeout': {
    de: 'Die Prüfung der Datei dauert länger. Ihre Sachbearbeitung sieht sie sich an; Sie müssen nichts tun.',
    en: 'Checking the file is taking longer. Your caseworker will look at it; you need not do anything.',
    tr: 'Dosyanın kontrolü uzun sürüyor. Sorumlu memurunuz dosyaya bakacaktır; bir şey yapmanıza gerek yoktur.',
    uk: 'Перевірка файлу триває довше. Ваш працівник перегляне його; Вам нічого робити не потрібно.',
    ar: 'يستغرق فحص الملف وقتًا أطول. سيطلع عليه الموظف المسؤول؛ لا حاجة لأن تفعلوا شيئًا.',
    ru: 'Проверка файла занимает больше времени. Ваш сотрудник посмотрит его; Вам ничего делать не нужно.',
  },
  'active-content': {
    de: 'Die Datei enthält Inhalte, die sich beim Öffnen selbst ausführen. Bitte senden Sie ein einfaches PDF oder Foto.',
    en: 'The file contains content that runs by itself when opened. Please send a plain PDF or photo.',
    tr: 'Dosya, açıldığında kendiliğinden çalışan içerik barındırıyor. Lütfen sade bir PDF veya fotoğraf gönderiniz.',
    uk: 'Файл містить вміст, який запускається сам під час відкриття. Будь ласка, надішліть простий PDF або фото.',
    ar: 'يحتوي الملف على محتوى يعمل تلقائيًا عند فتحه. نرجو إرسال ملف PDF بسيط أو صورة.',
    ru: 'Файл содержит контент, который запускается сам при открытии. Пожалуйста, отправьте простой PDF или фото.',
  },
  'unsafe-name': {
    de: 'Der Dateiname ist ungewöhnlich. Bitte benennen Sie die Datei einfach (zum Beispiel „Reisepass.pdf“) und senden Sie sie erneut.',
    en: 'The file name is unusual. Please give the file a simple name (for example "passport.pdf") and send it again.',
    tr: 'Dosya adı alışılmadık. Lütfen dosyaya basit bir ad verip (örneğin "pasaport.pdf") tekrar gönderiniz.',
    uk: 'Назва файлу незвична. Будь ласка, дайте файлу просту назву (наприклад, «pasport.pdf») і надішліть ще раз.',
    ar: 'اسم الملف غير معتاد. نرجو إعطاء الملف اسمًا بسيطًا (مثل «passport.pdf») وإرساله مرة أخرى.',
    ru: 'Название файла необычное. Пожалуйста, дайте файлу простое название (например, «pasport.pdf») и отправьте ещё раз.',
  },
  signature: {
    de: 'Das ist eine elektronische Signatur, kein Dokument; sie wird nicht gebraucht.',
    en: 'This is an electronic signature, not a document; it is not needed.',
    tr: 'Bu bir belge değil, elektronik imzadır; gerekli değildir.',
    uk: 'Це електронний підпис, а не документ; він не потрібен.',
    ar: 'هذا توقيع إلكتروني وليس مستندًا؛ لا حاجة إليه.',
    ru: 'Это электронная подпись, а не документ; она не нужна.',
  },
  calendar: {
    de: 'Das sind Kalenderdaten, kein Dokument.',
    en: 'This is calendar data, not a document.',
    tr: 'Bunlar belge değil, takvim verileridir.',
    uk: 'Це дані календаря, а не документ.',
    ar: 'هذه بيانات تقويم وليست مستندًا.',
    ru: 'Это данные календаря, а не документ.',
  },
  'forwarded-email': {
    de: 'Das ist eine weitergeleitete E-Mail; ihre Anhänge haben wir einzeln angesehen.',
    en: 'This is a forwarded email; we looked at its attachments one by one.',
    tr: 'Bu iletilmiş bir e-postadır; eklerine tek tek baktık.',
    uk: 'Це пересланий лист; його вкладення ми переглянули окремо.',
    ar: 'هذه رسالة معاد توجيهها؛ اطلعنا على مرفقاتها واحدًا تلو الآخر.',
    ru: 'Это пересланное письмо; его вложения мы просмотрели по отдельности.',
  },
  'inline-image': {
    de: 'Das ist ein Bild aus dem Text Ihrer E-Mail (zum Beispiel ein Logo), kein Dokument.',
    en: 'This is a picture from the text of your email (for example a logo), not a document.',
    tr: 'Bu, e-postanızın metnindeki bir resimdir (örneğin bir logo), belge değildir.',
    uk: 'Це зображення з тексту Вашого листа (наприклад, логотип), а не документ.',
    ar: 'هذه صورة من نص رسالتكم (مثل شعار)، وليست مستندًا.',
    ru: 'Это изображение из текста Вашего письма (например, логотип), а не документ.',
  },
};

const UNKNOWN_REASON: Readonly<Record<CaseLanguage, string>> = {
  de: 'Die Datei konnte nicht angenommen werden. Ihre Sachbearbeitung sieht sie sich an.',
  en: 'The file could not be accepted. Your caseworker will look at it.',
  tr: 'Dosya kabul edilemedi. Sorumlu memurunuz dosyaya bakacaktır.',
  uk: 'Файл не вдалося прийняти. Ваш працівник його перегляне.',
  ar: 'تعذر قبول الملف. سيطلع عليه الموظف المسؤول.',
  ru: 'Файл не удалось принять. Ваш сотрудник его посмотрит.',
};

/** A reason code in the applicant's words; an unknown code still reads as a sentence. */
export function applicantHoldReason(reason: string | null, language: CaseLanguage): string {
  const known = reason === null ? undefined : APPLICANT_HOLD_REASONS[reason as HoldReason];
  if (known !== undefined) return known[language];
  return UNKNOWN_REASON[language];
}

/** A file the sender gave no name. */
const NO_NAME: Readonly<Record<CaseLanguage, string>> = {
  de: '(ohne Namen)',
  en: '(no name)',
  tr: '(adsız)',
  uk: '(без назви)',
  ar: '(بدون اسم)',
  ru: '(без названия)',
};

/** A document no checklist item was found for (yet). */
const NOT_PLACED: Readonly<Record<CaseLanguage, string>> = {
  de: 'noch keinem Punkt zugeordnet; Ihre Sachbearbeitung ordnet es zu',
  en: 'not yet matched to an item; your caseworker will do so',
  tr: 'henüz bir maddeyle eşleştirilmedi; sorumlu memurunuz eşleştirecektir',
  uk: 'ще не віднесено до жодного пункту; це зробить Ваш працівник',
  ar: 'لم يُربط بعد بأي بند؛ سيقوم الموظف المسؤول بذلك',
  ru: 'ещё не отнесён ни к одному пункту; это сделает Ваш сотрудник',
};

/** Parts that are kept with the email but are no files of the applicant's to tell about. */
const NOT_TOLD: ReadonlySet<string> = new Set(['calendar', 'inline-image', 'signature', 'forwarded-email']);

/** A file of the email as the acknowledgement needs it. */
export interface SubmittedFile {
  readonly sha256: string;
  readonly filename: string | null;
  readonly accepted: boolean;
  readonly reason: string | null;
}

/**
 * What to tell the applicant about one submission: nothing (nothing arrived that is theirs to
 * hear about), that it arrived and what is still missing (the acknowledgement is the query), or
 * that the file is now complete.
 */
export type AcknowledgementKind = Extract<MessageKind, 'submission-received' | 'file-complete'>;

export interface Acknowledgement {
  readonly kind: AcknowledgementKind;
  /** Required items still missing, by id. */
  readonly missing: readonly string[];
  /** The view per language. */
  readonly view: (language: CaseLanguage) => TemplateView;
}

/**
 * Composes the acknowledgement of one submission from the case as it is after recording it:
 * each file that arrived with the checklist item it covers, each file that could not be accepted
 * with the reason in plain words, and what is still missing. The file-complete message when this
 * submission brought the last missing item; null when it brought nothing new (only files the
 * case had already) and held nothing, so 40 copies of one email are not answered 40 times.
 */
export function composeAcknowledgement(
  caseFile: CaseFile,
  documents: readonly CaseDocument[],
  submission: { readonly messageId: string; readonly files: readonly SubmittedFile[] },
): Acknowledgement | null {
  const fromThis = documents.filter((d) => d.messageId === submission.messageId);
  const held = submission.files.filter((f) => !f.accepted && !NOT_TOLD.has(f.reason ?? ''));
  if (fromThis.length === 0 && held.length === 0) return null;
  const missing = missingItems(caseFile, documents);
  const missingBefore = missingItems(
    caseFile,
    documents.filter((d) => d.messageId !== submission.messageId),
  );
  const kind: AcknowledgementKind =
    missing.length === 0 && missingBefore.length > 0 ? 'file-complete' : 'submission-received';
  // Files not yet read, or read but not sure, may be what is missing: the applicant is told they
  // are being looked at, and nothing they may be is asked for until a caseworker has looked.
  const covered = itemsPossiblyCovered(caseFile, documents);
  const asked = missing.filter((item) => !covered.has(item.id));
  const waiting = documents.filter(
    (d) =>
      awaitsConfirmation(d) ||
      (d.checklistItem === null &&
        d.assignedBy !== 'caseworker' &&
        d.confirmedBy === undefined &&
        d.recognition !== undefined),
  );
  const name = (filename: string | null, language: CaseLanguage): string =>
    displayLine(filename ?? NO_NAME[language]);
  return {
    kind,
    missing: asked.map((m) => m.id),
    view: (language) => ({
      received: fromThis.map((d) => ({
        filename: name(d.filename, language),
        item:
          caseFile.checklist.items.find((i) => i.id === d.checklistItem)?.label[language] ??
          NOT_PLACED[language],
      })),
      notAccepted: held.map((f) => ({
        filename: name(f.filename, language),
        reason: applicantHoldReason(f.reason, language),
      })),
      waiting: waiting.map((d) => ({ filename: name(d.filename, language) })),
      missing: asked.map((m) => ({ label: m.label[language] })),
    }),
  };
}
