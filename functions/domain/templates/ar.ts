import type { Translation } from './message-types.ts';

/**
 * Arabic (العربية): the courtesy translation under the binding German text, written right to
 * left. Plurals have six forms (zero, one, two, few, many, other); the applicant is addressed
 * in the polite plural, as in official letters.
 */
export const ar: Translation = {
  locale: 'ar',
  direction: 'rtl',
  notice:
    'العربية: هذه الترجمة مقدَّمة لكم للعلم فقط. النص الألماني أعلاه هو وحده الملزم قانونيًا، إذ إن اللغة الرسمية هي الألمانية (المادة 23 من قانون الإجراءات الإدارية الألماني VwVfG).',
  messages: {
    query: {
      subject: 'مستندات ناقصة',
      body: `السيد/السيدة {applicantName} المحترم/المحترمة،

تحية طيبة وبعد،

{missing, plural,
  =0 {بخصوص طلبكم ({requestTypeLabel}، رقم الملف {caseReference}) يكتب إليكم الموظف المسؤول عن ملفكم ما يلي:

{caseworkerText}

يرجى الرد على هذه الرسالة، وذكر رقم ملفكم {caseReference} في كل رسالة.}
  one {لاستكمال طلبكم ({requestTypeLabel}، رقم الملف {caseReference}) ما زلنا بحاجة إلى المستند التالي:}
  two {لاستكمال طلبكم ({requestTypeLabel}، رقم الملف {caseReference}) ما زلنا بحاجة إلى المستندين التاليين:}
  few {لاستكمال طلبكم ({requestTypeLabel}، رقم الملف {caseReference}) ما زلنا بحاجة إلى # مستندات:}
  many {لاستكمال طلبكم ({requestTypeLabel}، رقم الملف {caseReference}) ما زلنا بحاجة إلى # مستندًا:}
  other {لاستكمال طلبكم ({requestTypeLabel}، رقم الملف {caseReference}) ما زلنا بحاجة إلى # مستند:}}

- {missing}


{missing, plural, =0 {} other {{caseworkerText, select, none {} other {ملاحظة من الموظف المسؤول عن ملفكم: {caseworkerText}}}

يرجى الرد على هذه الرسالة وإرفاق المستندات بصيغة PDF أو كصور، وذكر رقم ملفكم {caseReference} في كل رسالة.}}

مع خالص التحية
{officeName}`,
    },
    'query-reminder': {
      subject: 'تذكير: مستندات ناقصة',
      body: `السيد/السيدة {applicantName} المحترم/المحترمة،

تحية طيبة وبعد،

طلبنا منكم بتاريخ {queriedOn, date, long} مستندات لطلبكم (رقم الملف {caseReference})، ولم نتلقَّ ردًّا منكم حتى الآن. {missing, plural, =0 {} one {لا يزال المستند التالي ناقصًا:} two {لا يزال المستندان التاليان ناقصين:} few {لا تزال # مستندات ناقصة:} many {لا يزال # مستندًا ناقصًا:} other {لا يزال # مستند ناقصًا:}}

- {missing}

يرجى الرد على هذه الرسالة وإرفاق المستندات. لا يمكننا متابعة معالجة طلبكم بدون هذه المستندات.

مع خالص التحية
{officeName}`,
    },
    invitation: {
      subject: 'دعوة إلى موعد في مركز الخدمة (Service Point)',
      body: `السيد/السيدة {applicantName} المحترم/المحترمة،

تحية طيبة وبعد،

صدر قرار بشأن طلبكم (رقم الملف {caseReference}): تمت الموافقة على طلبكم. ولكي نتمكن من إصدار وثيقتكم، نرجو حضوركم إلى موعد قصير:

{replaces, select, none {} other {يحلّ هذا الموعد محلّ موعدكم السابق في {replaces, date, appointment}. يقوم قيد التقويم المرفق بتحديث القيد السابق.}}

- التاريخ والوقت: {appointment, date, appointment}
- المكان: {address}

يرجى إحضار:

- جواز سفركم وتصريح إقامتكم الحالي
- الرسوم البالغة {fee} ({payment})

سيتم خلال الموعد أخذ توقيعكم وبصمات أصابعكم. يستغرق الموعد حوالي {durationMinutes, plural, zero {# دقيقة} one {دقيقة واحدة} two {دقيقتين} few {# دقائق} many {# دقيقة} other {# دقيقة}}. تجدون قيد التقويم في المرفق.

إذا لم تتمكنوا من الحضور، يرجى الرد على هذه الرسالة وسنقترح عليكم موعدًا جديدًا.

مع خالص التحية
{officeName}`,
    },
    'invitation-reminder': {
      subject:
        'تذكير: موعدكم {day, select, today {اليوم} tomorrow {غدًا} other {بتاريخ {appointment, date, medium}}}',
      body: `السيد/السيدة {applicantName} المحترم/المحترمة،

تحية طيبة وبعد،

نذكّركم بموعدكم {day, select, today {اليوم} tomorrow {غدًا} other {بتاريخ {appointment, date, long}}} (رقم الملف {caseReference}):

- التاريخ والوقت: {appointment, date, appointment}
- المكان: {address}

يرجى إحضار جواز سفركم وتصريح إقامتكم الحالي والرسوم البالغة {fee}.

مع خالص التحية
{officeName}`,
    },
    'invitation-cancelled': {
      subject: 'تم إلغاء موعدكم',
      body: `السيد/السيدة {applicantName} المحترم/المحترمة،

تحية طيبة وبعد،

تم إلغاء موعدكم في {appointment, date, appointment} (رقم الملف {caseReference}). يرجى عدم الحضور في هذا الموعد. يحذف الملف المرفق هذا الموعد من تقويمكم.

سنكتب إليكم فور تحديد موعد جديد. إذا كانت لديكم أسئلة، يرجى الرد على هذه الرسالة.

مع خالص التحية
{officeName}`,
    },
    'triage-reply': {
      subject: 'رسالتكم إلى {officeName}',
      body: `مرحبًا،

شكرًا لرسالتكم. لم نتمكن من ربطها بأي ملف.

يرجى إعادة إرسال رسالتكم مع ذكر رقم ملفكم (مثلًا في سطر الموضوع). تجدون رقم الملف في رسائلنا إليكم. يرجى الكتابة من عنوان البريد الإلكتروني الذي ذكرتموه في طلبكم.

هذا رد تلقائي.

مع خالص التحية
{officeName}`,
    },
    'case-opened': {
      subject: 'طلبكم: المستندات التي نحتاجها',
      body: `السيد/السيدة {applicantName} المحترم/المحترمة،

تحية طيبة وبعد،

لقد سجّلنا طلبكم ({requestTypeLabel}) تحت رقم الملف {caseReference}. نرجو إرسال المستندات التالية:

- {items}

أرسلوا المستندات بصيغة PDF أو كصور عبر البريد الإلكتروني إلى {intakeAddress}، أو قوموا ببساطة بالرد على هذه الرسالة. نرجو ذكر رقم ملفكم {caseReference} في كل رسالة. بعد كل إرسال نؤكد لكم ما وصل وما لا يزال ناقصًا.

مع خالص التحية
{officeName}`,
      items: { items: '{label}' },
    },
    'submission-received': {
      subject: 'تأكيد الاستلام',
      body: `السيد/السيدة {applicantName} المحترم/المحترمة،

شكرًا لكم. وصلنا بخصوص طلبكم ({requestTypeLabel}، رقم الملف {caseReference}):

- {received}
{received, plural, =0 {- لا توجد مستندات استطعنا قبولها} other {}}

{notAccepted, plural, =0 {} other {لم نتمكن من قبول هذه الملفات:}}

- {notAccepted}

{waiting, plural, =0 {} other {ما زلنا نراجع هذه الملفات؛ ولن نطلب مرة أخرى ما تحتويه:}}

- {waiting}

{missing, plural, =0 {} one {لا يزال المستند التالي ناقصًا:} two {لا يزال المستندان التاليان ناقصين:} few {لا تزال # مستندات ناقصة:} many {لا يزال # مستندًا ناقصًا:} other {لا يزال # مستند ناقصًا:}}

- {missing}

{missing, plural, =0 {{waiting, plural, =0 {مستنداتكم مكتملة؛ لا حاجة لإرسال أي شيء آخر.} other {بمجرد مراجعتنا لهذه الملفات سنخبركم إن كان لا يزال هناك نقص.}}} other {نرجو الرد على هذه الرسالة وإرفاق المستندات بصيغة PDF أو كصور. نرجو ذكر رقم ملفكم {caseReference} في كل رسالة.}}

مع خالص التحية
{officeName}`,
      items: {
        received: '{filename}: {item}',
        notAccepted: '{filename}: {reason}',
        waiting: '{filename}',
        missing: '{label}',
      },
    },
    'file-complete': {
      subject: 'مستنداتكم مكتملة',
      body: `السيد/السيدة {applicantName} المحترم/المحترمة،

شكرًا لكم. بهذا الإرسال اكتملت مستنداتكم الخاصة بطلبكم ({requestTypeLabel}، رقم الملف {caseReference}). وصلنا:

- {received}

{notAccepted, plural, =0 {} other {لم نتمكن من قبول هذه الملفات (لا نحتاجها لاكتمال ملفكم):}}

- {notAccepted}

الخطوة التالية: سيقوم الموظف المسؤول الآن بدراسة طلبكم. لا حاجة لإرسال أي شيء آخر. إذا احتجنا إلى شيء إضافي فسنكتب إليكم؛ وإلا فسندعوكم إلى موعد تستلمون فيه وثيقتكم.

مع خالص التحية
{officeName}`,
      items: { received: '{filename}: {item}', notAccepted: '{filename}: {reason}' },
    },
    'triage-received': {
      subject: 'رسالتكم إلى {officeName}',
      body: `مرحبًا،

شكرًا لرسالتكم. لقد وصلتنا. سيقوم أحد الموظفين بإلحاقها بالملف الذي ذكرتموه؛ لا حاجة لإرسالها مرة أخرى.

هذا رد آلي.

مع خالص التحية
{officeName}`,
    },
    'triage-question': {
      subject: 'رسالتكم إلى {officeName}',
      body: `مرحبًا،

شكرًا لرسالتكم. يرسل مقدمو الطلبات مستنداتهم إلى هذا العنوان؛ ولا نجيب هنا عن الأسئلة بشكل آلي. يمكنكم التواصل معنا كما يلي:

- {contactOptions}

إذا كنتم قد قدمتم طلبًا بالفعل، فنرجو ذكر رقم ملفكم.

هذا رد آلي.

مع خالص التحية
{officeName}`,
      items: { contactOptions: '{line}' },
    },
  },
  checklist: {
    requestTypes: {
      'eu-blue-card': 'البطاقة الزرقاء للاتحاد الأوروبي',
      'family-reunification': 'لمّ شمل الأسرة',
      'first-residence-permit': 'أول تصريح إقامة بعد الانتقال إلى المدينة',
      'residence-permit-extension': 'تمديد تصريح الإقامة',
      'settlement-permit': 'تصريح الإقامة الدائمة (Niederlassungserlaubnis)',
    },
    items: {
      passport: 'جواز سفر ساري المفعول (جميع الصفحات التي تحتوي على بيانات)',
      'residence-card': 'بطاقة الإقامة الحالية (eAT، الوجه والظهر)',
      'biometric-photo': 'صورة شخصية بيومترية',
      'application-form': 'استمارة الطلب معبّأة',
      'employment-contract': 'عقد العمل أو إفادة من صاحب العمل',
      'degree-certificate': 'الشهادة الجامعية ومعادلتها',
      'health-insurance': 'إثبات التأمين الصحي',
      'registration-certificate': 'شهادة تسجيل السكن (Meldebescheinigung) أو تأكيد المؤجر',
      payslips: 'كشوف الرواتب للأشهر الثلاثة الأخيرة',
      'marriage-certificate': 'عقد الزواج',
      'birth-certificate': 'شهادة الميلاد',
      'spouse-residence-permit': 'تصريح الإقامة أو جواز السفر لفرد الأسرة المقيم في ألمانيا',
      'living-space': 'إثبات توفر مسكن كافٍ',
      'rental-contract': 'عقد الإيجار',
      'language-certificate': 'شهادة اللغة (مثلًا B1)',
      'enrolment-certificate': 'إفادة التسجيل في الجامعة أو المعهد',
      'pension-record': 'كشف التأمين التقاعدي (Deutsche Rentenversicherung)',
      'integration-course-certificate': 'شهادة دورة الاندماج',
    },
  },
};
