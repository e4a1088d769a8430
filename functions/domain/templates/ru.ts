import type { Translation } from './message-types.ts';

/**
 * Russian (русский): the courtesy translation under the binding German text. Plurals have four
 * forms (one, few, many, other); "Вы" is capitalised, as in letters.
 */
export const ru: Translation = {
  locale: 'ru-RU',
  direction: 'ltr',
  notice:
    'Русский: этот перевод предоставлен для Вашего удобства. Юридически обязательным является только приведённый выше текст на немецком языке (§ 23 Закона Германии об административной процедуре, VwVfG: официальный язык — немецкий).',
  messages: {
    query: {
      subject: 'Недостающие документы',
      body: `Здравствуйте, {applicantName}!

{missing, plural,
  =0 {По Вашему заявлению ({requestTypeLabel}, номер дела {caseReference}) сотрудник, который ведёт Ваше дело, сообщает:

{caseworkerText}

Пожалуйста, ответьте на это письмо. Указывайте номер Вашего дела {caseReference} в каждом сообщении.}
  one {Для рассмотрения Вашего заявления ({requestTypeLabel}, номер дела {caseReference}) необходимо представить ещё # документ:}
  few {Для рассмотрения Вашего заявления ({requestTypeLabel}, номер дела {caseReference}) необходимо представить ещё # документа:}
  many {Для рассмотрения Вашего заявления ({requestTypeLabel}, номер дела {caseReference}) необходимо представить ещё # документов:}
  other {Для рассмотрения Вашего заявления ({requestTypeLabel}, номер дела {caseReference}) необходимо представить ещё # документа:}}

- {missing}

{waiting, plural, =0 {} other {Эти файлы мы ещё просматриваем; то, что в них содержится, мы не будем запрашивать повторно:}}

- {waiting}

{missing, plural, =0 {} other {{caseworkerText, select, none {} other {Примечание сотрудника, который ведёт Ваше дело: {caseworkerText}}}

Пожалуйста, ответьте на это письмо и приложите документы в формате PDF или в виде фотографий. Указывайте номер Вашего дела {caseReference} в каждом сообщении.}}

С уважением
{officeName}`,
    },
    'query-reminder': {
      subject: 'Напоминание: недостающие документы',
      body: `Здравствуйте, {applicantName}!

{queriedOn, date, long} мы запросили у Вас документы по Вашему заявлению (номер дела {caseReference}), но пока не получили ответа. {missing, plural, =0 {} one {По-прежнему не хватает # документа:} few {По-прежнему не хватает # документов:} many {По-прежнему не хватает # документов:} other {По-прежнему не хватает # документа:}}

- {missing}

Пожалуйста, ответьте на это письмо и приложите документы. Без этих документов мы не можем продолжить рассмотрение Вашего заявления.

С уважением
{officeName}`,
    },
    invitation: {
      subject: 'Приглашение на приём в Service Point',
      body: `Здравствуйте, {applicantName}!

По Вашему заявлению (номер дела {caseReference}) принято решение. Просим Вас прийти на короткий приём:

{replaces, select, none {} other {Этот приём заменяет Ваш предыдущий приём, назначенный на {replaces, date, appointment}. Приложенная запись календаря обновляет прежнюю запись.}}

- Дата и время: {appointment, date, appointment}
- Место: {address}

Пожалуйста, возьмите с собой:

- Ваш паспорт и действующий вид на жительство
- пошлину в размере {fee} ({payment})

Во время приёма у Вас возьмут подпись и отпечатки пальцев. Приём займёт около {durationMinutes, plural, one {# минуты} few {# минут} many {# минут} other {# минуты}}. Запись для календаря находится во вложении.

Если Вы не можете прийти, пожалуйста, ответьте на это письмо, и мы предложим Вам новое время.

С уважением
{officeName}`,
    },
    'invitation-reminder': {
      subject:
        'Напоминание: Ваш приём {day, select, today {сегодня} tomorrow {завтра} other {{appointment, date, medium}}}',
      body: `Здравствуйте, {applicantName}!

Напоминаем Вам о приёме {day, select, today {сегодня} tomorrow {завтра} other {{appointment, date, long}}} (номер дела {caseReference}):

- Дата и время: {appointment, date, appointment}
- Место: {address}

Пожалуйста, возьмите с собой паспорт, действующий вид на жительство и пошлину в размере {fee}.

С уважением
{officeName}`,
    },
    'invitation-cancelled': {
      subject: 'Ваш приём отменён',
      body: `Здравствуйте, {applicantName}!

Ваш приём, назначенный на {appointment, date, appointment} (номер дела {caseReference}), отменён. Пожалуйста, не приходите на этот приём. С помощью вложения Ваш календарь удалит эту запись.

Как только будет назначен новый приём, мы Вам напишем. Если у Вас есть вопросы, пожалуйста, ответьте на это письмо.

С уважением
{officeName}`,
    },
    'triage-reply': {
      subject: 'Ваше сообщение в {officeName}',
      body: `Здравствуйте!

Благодарим Вас за сообщение. Нам не удалось отнести его к какому-либо делу.

Пожалуйста, отправьте сообщение ещё раз и укажите номер Вашего дела (например, в теме письма). Его можно найти в наших письмах Вам. Пожалуйста, пишите с адреса электронной почты, указанного в Вашем заявлении.

Это автоматический ответ.

С уважением
{officeName}`,
    },
  },
  checklist: {
    requestTypes: {
      'eu-blue-card': 'Голубая карта ЕС',
      'family-reunification': 'Воссоединение семьи',
      'first-residence-permit': 'Первый вид на жительство после переезда в город',
      'residence-permit-extension': 'Продление вида на жительство',
      'settlement-permit': 'Бессрочный вид на жительство (Niederlassungserlaubnis)',
    },
    items: {
      passport: 'Действительный паспорт (все страницы с записями)',
      'residence-card': 'Действующая карта вида на жительство (eAT, лицевая и оборотная сторона)',
      'biometric-photo': 'Биометрическая фотография на паспорт',
      'application-form': 'Заполненное заявление',
      'employment-contract': 'Трудовой договор или справка от работодателя',
      'degree-certificate': 'Диплом о высшем образовании и его признание',
      'health-insurance': 'Подтверждение медицинской страховки',
      'registration-certificate':
        'Справка о регистрации по месту жительства (Meldebescheinigung) или подтверждение арендодателя',
      payslips: 'Расчётные листки по зарплате за последние три месяца',
      'marriage-certificate': 'Свидетельство о браке',
      'birth-certificate': 'Свидетельство о рождении',
      'spouse-residence-permit': 'Вид на жительство или паспорт члена семьи, проживающего в Германии',
      'living-space': 'Подтверждение наличия достаточной жилой площади',
      'rental-contract': 'Договор аренды',
      'language-certificate': 'Языковой сертификат (например, B1)',
      'enrolment-certificate': 'Справка о зачислении в учебное заведение',
      'pension-record': 'Выписка из пенсионного страхования (Deutsche Rentenversicherung)',
      'integration-course-certificate': 'Сертификат об окончании интеграционного курса',
    },
  },
};
