import { normalizeAnchor } from './tokenize';

/**
 * Non-descriptive link texts per language. The lists of en, ja, es, pt, ko, sv, de, ta and fa are
 * the data of Lighthouse's "link-text" SEO audit (GoogleChrome/lighthouse,
 * core/audits/seo/link-text.js, Apache-2.0); `en` also holds Pillarlink's additions below.
 */
const LIGHTHOUSE: Record<string, readonly string[]> = {
  en: ['click here', 'click this', 'go', 'here', 'information', 'learn more', 'more', 'more info', 'more information', 'right here', 'read more', 'see more', 'start', 'this'],
  ja: ['ここをクリック', 'こちらをクリック', 'リンク', '続きを読む', '続く', '全文表示'],
  es: ['click aquí', 'click aqui', 'clicka aquí', 'clicka aqui', 'pincha aquí', 'pincha aqui', 'aquí', 'aqui', 'más', 'mas', 'más información', 'más informacion', 'mas información', 'mas informacion', 'este', 'enlace', 'este enlace', 'empezar'],
  pt: ['clique aqui', 'ir', 'mais informação', 'mais informações', 'mais', 'veja mais'],
  ko: ['여기', '여기를 클릭', '클릭', '링크', '자세히', '자세히 보기', '계속', '이동', '전체 보기'],
  sv: ['här', 'klicka här', 'läs mer', 'mer', 'mer info', 'mer information'],
  de: ['klicke hier', 'hier klicken', 'hier', 'mehr', 'siehe', 'dies', 'das', 'weiterlesen'],
  ta: ['அடுத்த பக்கம்', 'மறுபக்கம்', 'முந்தைய பக்கம்', 'முன்பக்கம்', 'மேலும் அறிக', 'மேலும் தகவலுக்கு', 'மேலும் தரவுகளுக்கு', 'தயவுசெய்து இங்கே அழுத்தவும்', 'இங்கே கிளிக் செய்யவும்'],
  fa: ['اطلاعات بیشتر', 'اطلاعات', 'این', 'اینجا بزنید', 'اینجا کلیک کنید', 'اینجا', 'برو', 'بیشتر بخوانید', 'بیشتر بدانید', 'بیشتر'],
};

// Pillarlink's English additions: texts that name the link or the page instead of the destination.
const EXTRA_EN = ['click', 'click here to learn more', 'click here to read more', 'go here', 'here is how', 'link', 'this link', 'this page', 'this article', 'this post', 'this guide', 'page', 'website', 'this website', 'article', 'continue', 'continue reading', 'read on', 'read this', 'find out more', 'view more', 'details', 'more details', 'see here', 'check it out', 'check this out'];

// Normalised once; lookups are set membership.
const BY_LANG = new Map<string, ReadonlySet<string>>(
  Object.entries(LIGHTHOUSE).map(([lang, list]) => [lang, new Set([...list, ...(lang === 'en' ? EXTRA_EN : [])].map(normalizeAnchor))]),
);
const ANY = new Set([...BY_LANG.values()].flatMap((s) => [...s]));

export const GENERIC_ANCHOR_LANGUAGES: readonly string[] = [...BY_LANG.keys()];

/**
 * The anchor text says nothing about its destination ("click here", "read more", "hier").
 * With `lang` (a BCP 47 tag like `de-AT`) only that language's list is used, as Lighthouse does;
 * without it, every list is.
 */
export function isGenericAnchor(text: string, lang?: string): boolean {
  const n = normalizeAnchor(text);
  if (n === '') return false;
  if (lang) {
    const set = BY_LANG.get(lang.toLowerCase().split(/[-_]/)[0]!);
    if (set) return set.has(n);
  }
  return ANY.has(n);
}

/** The text is a URL (absolute, protocol-relative, `www.` or a root-relative path), not a description. */
export function looksLikeUrl(text: string): boolean {
  const t = text.trim();
  if (t === '' || /\s/.test(t)) return false;
  return /^(https?:)?\/\/\S+$/i.test(t) || /^www\.[^.\s]+\.\S+$/i.test(t) || /^\/[\w\-./%~#?=&]*$/.test(t) || /^[\w-]+(\.[\w-]+)*\.(com|org|net|io|dev|app|co|de|fr|uk)(\/\S*)?$/i.test(t);
}
