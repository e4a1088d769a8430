import type { Translation } from './message-types.ts';

/** Turkish (Türkçe): the courtesy translation under the binding German text. */
export const tr: Translation = {
  locale: 'tr-TR',
  direction: 'ltr',
  notice:
    'Türkçe: Bu çeviri bilginiz için kolaylık olarak sunulmuştur. Yalnızca yukarıdaki Almanca metin hukuken bağlayıcıdır (Alman İdari Usul Kanunu § 23 VwVfG: resmî dil Almancadır).',
  messages: {
    query: {
      subject: 'Eksik belgeler',
      body: `Sayın {applicantName},

{missing, plural,
  =0 {Başvurunuzla ({requestTypeLabel}, dosya numarası {caseReference}) ilgili olarak dosyanızdan sorumlu memur size şunları yazıyor:

{caseworkerText}

Lütfen bu e-postayı yanıtlayınız. Her mesajınızda dosya numaranızı ({caseReference}) belirtiniz.}
  one {Başvurunuz ({requestTypeLabel}, dosya numarası {caseReference}) için aşağıdaki belge hâlâ eksiktir:}
  other {Başvurunuz ({requestTypeLabel}, dosya numarası {caseReference}) için aşağıdaki # belge hâlâ eksiktir:}}

- {missing}


{missing, plural, =0 {} other {{caseworkerText, select, none {} other {Dosyanızdan sorumlu memurun notu: {caseworkerText}}}

Lütfen bu e-postayı yanıtlayınız ve belgeleri PDF dosyası veya fotoğraf olarak ekleyiniz. Her mesajınızda dosya numaranızı ({caseReference}) belirtiniz.}}

Saygılarımızla
{officeName}`,
    },
    'query-reminder': {
      subject: 'Hatırlatma: eksik belgeler',
      body: `Sayın {applicantName},

{queriedOn, date, long} tarihinde başvurunuz (dosya numarası {caseReference}) için sizden belge talep ettik ve henüz yanıt alamadık. {missing, plural, =0 {} one {Aşağıdaki belge hâlâ eksiktir:} other {Aşağıdaki # belge hâlâ eksiktir:}}

- {missing}

Lütfen bu e-postayı yanıtlayınız ve belgeleri ekleyiniz. Bu belgeler olmadan başvurunuzun işlemlerine devam edemiyoruz.

Saygılarımızla
{officeName}`,
    },
    invitation: {
      subject: 'Service Point’te randevu daveti',
      body: `Sayın {applicantName},

Başvurunuz (dosya numarası {caseReference}) hakkında karar verilmiştir: başvurunuz kabul edilmiştir. Belgenizi düzenleyebilmemiz için lütfen kısa bir randevuya geliniz:

{replaces, select, none {} other {Bu randevu, {replaces, date, appointment} tarihli önceki randevunuzun yerine geçer. Ekteki takvim kaydı önceki kaydı günceller.}}

- Tarih ve saat: {appointment, date, appointment}
- Yer: {address}

Lütfen yanınızda getiriniz:

- pasaportunuzu ve mevcut oturma izninizi
- {fee} tutarındaki harcı ({payment})

Randevuda imzanız ve parmak izleriniz alınacaktır. Randevu yaklaşık {durationMinutes, plural, other {# dakika}} sürer. Takvim kaydını ekte bulabilirsiniz.

Randevuya gelemeyecekseniz lütfen bu e-postayı yanıtlayınız; size yeni bir randevu önereceğiz.

Saygılarımızla
{officeName}`,
    },
    'invitation-reminder': {
      subject:
        'Hatırlatma: {day, select, today {bugünkü} tomorrow {yarınki} other {{appointment, date, medium} tarihli}} randevunuz',
      body: `Sayın {applicantName},

{day, select, today {bugünkü} tomorrow {yarınki} other {{appointment, date, long} tarihli}} randevunuzu hatırlatmak isteriz (dosya numarası {caseReference}):

- Tarih ve saat: {appointment, date, appointment}
- Yer: {address}

Lütfen pasaportunuzu, mevcut oturma izninizi ve {fee} tutarındaki harcı yanınızda getiriniz.

Saygılarımızla
{officeName}`,
    },
    'invitation-cancelled': {
      subject: 'Randevunuz iptal edildi',
      body: `Sayın {applicantName},

{appointment, date, appointment} tarihli randevunuz (dosya numarası {caseReference}) iptal edilmiştir. Lütfen bu randevuya gelmeyiniz. Ekteki dosya ile takviminiz bu kaydı siler.

Yeni bir randevu belirlendiğinde size yazacağız. Sorularınız için lütfen bu e-postayı yanıtlayınız.

Saygılarımızla
{officeName}`,
    },
    'triage-reply': {
      subject: '{officeName} kurumuna gönderdiğiniz mesaj',
      body: `Merhaba,

Mesajınız için teşekkür ederiz. Mesajınızı herhangi bir dosyayla eşleştiremedik.

Lütfen mesajınızı dosya numaranızı belirterek (örneğin konu satırında) yeniden gönderiniz. Dosya numaranızı size gönderdiğimiz yazılarda bulabilirsiniz. Lütfen başvurunuzda belirttiğiniz e-posta adresinden yazınız.

Bu otomatik bir yanıttır.

Saygılarımızla
{officeName}`,
    },
    'case-opened': {
      subject: 'Başvurunuz: ihtiyaç duyduğumuz belgeler',
      body: `Sayın {applicantName},

başvurunuzu ({requestTypeLabel}) {caseReference} dosya numarasıyla kaydettik. Lütfen bize şu belgeleri gönderiniz:

- {items}

Belgeleri PDF veya fotoğraf olarak e-posta ile {intakeAddress} adresine gönderiniz ya da bu e-postayı yanıtlayınız. Lütfen her mesajınızda dosya numaranızı ({caseReference}) belirtiniz. Her gönderimden sonra size nelerin ulaştığını ve nelerin eksik olduğunu bildiririz.

Saygılarımızla
{officeName}`,
      items: { items: '{label}' },
    },
    'submission-received': {
      subject: 'Alındı bildirimi',
      body: `Sayın {applicantName},

teşekkür ederiz. Başvurunuz ({requestTypeLabel}, dosya numarası {caseReference}) için bize ulaşanlar:

- {received}
{received, plural, =0 {- kabul edebildiğimiz bir belge yok} other {}}

{notAccepted, plural, =0 {} other {Şu dosyaları kabul edemedik:}}

- {notAccepted}

{waiting, plural, =0 {} other {Bu dosyaları henüz inceliyoruz; içerdikleri belgeleri tekrar istemeyeceğiz:}}

- {waiting}

{missing, plural, =0 {} one {Şu belge hâlâ eksik:} other {Şu # belge hâlâ eksik:}}

- {missing}

{missing, plural, =0 {{waiting, plural, =0 {Belgeleriniz tamamdır; başka bir şey göndermenize gerek yoktur.} other {Bu dosyaları inceledikten sonra eksik bir şey olup olmadığını size bildireceğiz.}}} other {Lütfen bu e-postayı yanıtlayarak belgeleri PDF veya fotoğraf olarak ekleyiniz. Lütfen her mesajınızda dosya numaranızı ({caseReference}) belirtiniz.}}

Saygılarımızla
{officeName}`,
      items: {
        received: '{filename}: {item}',
        notAccepted: '{filename}: {reason}',
        waiting: '{filename}',
        missing: '{label}',
      },
    },
    'file-complete': {
      subject: 'Belgeleriniz tamamlandı',
      body: `Sayın {applicantName},

teşekkür ederiz. Bu gönderimle başvurunuz ({requestTypeLabel}, dosya numarası {caseReference}) için belgeleriniz tamamlanmıştır. Bize ulaşanlar:

- {received}

{notAccepted, plural, =0 {} other {Şu dosyaları kabul edemedik (dosyanızın tamamlanması için bunlara ihtiyacımız yoktur):}}

- {notAccepted}

Bundan sonrası: Sorumlu memurunuz şimdi başvurunuzu inceleyecektir. Başka bir şey göndermenize gerek yoktur. Bir şeye daha ihtiyacımız olursa size yazarız; aksi hâlde belgenizi teslim alacağınız bir randevuya sizi davet ederiz.

Saygılarımızla
{officeName}`,
      items: { received: '{filename}: {item}', notAccepted: '{filename}: {reason}' },
    },
    'triage-received': {
      subject: '{officeName} kurumuna gönderdiğiniz mesaj',
      body: `Merhaba,

mesajınız için teşekkür ederiz. Mesajınız bize ulaşmıştır. Bir memur onu belirttiğiniz dosyayla eşleştirecektir; mesajınızı tekrar göndermenize gerek yoktur.

Bu otomatik bir yanıttır.

Saygılarımızla
{officeName}`,
    },
    'triage-question': {
      subject: '{officeName} kurumuna gönderdiğiniz mesaj',
      body: `Merhaba,

mesajınız için teşekkür ederiz. Başvuru sahipleri belgelerini bu adrese gönderir; soruları burada otomatik olarak yanıtlamıyoruz. Bize şu yollarla ulaşabilirsiniz:

- {contactOptions}

Daha önce başvuru yaptıysanız lütfen dosya numaranızı belirtiniz.

Bu otomatik bir yanıttır.

Saygılarımızla
{officeName}`,
      items: { contactOptions: '{line}' },
    },
  },
  checklist: {
    requestTypes: {
      'eu-blue-card': 'AB Mavi Kartı',
      'family-reunification': 'Aile birleşimi',
      'first-residence-permit': 'Şehre taşındıktan sonra ilk oturma izni',
      'residence-permit-extension': 'Oturma izninin uzatılması',
      'settlement-permit': 'Süresiz oturma izni (Niederlassungserlaubnis)',
    },
    items: {
      passport: 'Geçerli pasaport (kayıt bulunan tüm sayfalar)',
      'residence-card': 'Mevcut oturma izni kartı (eAT, ön ve arka yüzü)',
      'biometric-photo': 'Biyometrik vesikalık fotoğraf',
      'application-form': 'Doldurulmuş başvuru formu',
      'employment-contract': 'İş sözleşmesi veya işveren belgesi',
      'degree-certificate': 'Üniversite diploması ve denklik belgesi',
      'health-insurance': 'Sağlık sigortası belgesi',
      'registration-certificate': 'İkamet kayıt belgesi (Meldebescheinigung) veya ev sahibi onayı',
      payslips: 'Son üç aya ait maaş bordroları',
      'marriage-certificate': 'Evlilik belgesi',
      'birth-certificate': 'Doğum belgesi',
      'spouse-residence-permit': 'Almanya’da yaşayan aile üyesinin oturma izni veya pasaportu',
      'living-space': 'Yeterli konut alanına ilişkin belge',
      'rental-contract': 'Kira sözleşmesi',
      'language-certificate': 'Dil sertifikası (ör. B1)',
      'enrolment-certificate': 'Öğrenci belgesi',
      'pension-record': 'Alman Emeklilik Sigortası (Deutsche Rentenversicherung) sigorta dökümü',
      'integration-course-certificate': 'Uyum kursu belgesi',
    },
  },
};
