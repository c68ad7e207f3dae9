/* Hostile strings: what a terminal program must survive when it prints a
 * name chosen by somebody else. Some are not valid UTF-8 on purpose; three
 * hold a DD_SB_WIRE_* mark that the JSON writer (emit.c) sends as an
 * escape no C string can hold: \u0000 and unpaired surrogates. */
#include <pthread.h>
#include <string.h>

#include "sandbox/sandbox.h"

#define LONG_NAME_LEN 10240
#define COMBINING_MARKS 300

#define ESC_FLOOD_REPEAT 1024

static char long_name[LONG_NAME_LEN + 1];
static char combining_flood[2 + COMBINING_MARKS * 2 + 1];
static char esc_flood[ESC_FLOOD_REPEAT * 4 + 1];

static const char *hostile[] = {
	"\x1b[2J\x1b[Hscreen-cleared",              /* CSI erase display, home */
	"\x1b[31;1mred-alert\x1b[0m",               /* SGR colours */
	"\x1b[10;40Hmoved\x1b[A\x1b[5D",            /* cursor moves */
	"\x1b]0;owned-title\x07host",                /* OSC window title */
	"\x1b]8;;https://evil.example/\x1b\\click-me\x1b]8;;\x1b\\", /* OSC 8 hyperlink */
	"\x1bP1$r0m\x1b\\dcs-host",                  /* DCS */
	"\x1b[?1049h\x1b[6nalt-screen",              /* alternate screen, DSR query */
	"\x1b" "creset-host",                        /* RIS full reset */
	"carriage\rreturn",                          /* CR */
	"line\nfeed",                                /* LF */
	"back\b\b\b\bspace",                         /* BS */
	"bell\x07\x07ring",                          /* BEL */
	"tab\there",                                 /* TAB */
	"del\x7f\x7f",                               /* DEL */
	"c1\xc2\x9b" "2Jcsi",                        /* C1 CSI (U+009B) */
	"\xc2\x85nel\xc2\x9dosc\xc2\x90",            /* C1 NEL, OSC, DCS */
	"\xe2\x80\xae" "exe.txt",                    /* RLO U+202E */
	"\xe2\x80\xaa\xe2\x80\xab" "embed\xe2\x80\xac\xe2\x80\xad", /* LRE RLE PDF LRO */
	"\xe2\x81\xa6iso\xe2\x81\xa7late\xe2\x81\xa8\xe2\x81\xa9", /* isolates U+2066-2069 */
	"zero\xe2\x80\x8bwidth\xe2\x80\x8c\xe2\x80\x8d", /* ZWSP ZWNJ ZWJ */
	"\xe2\x80\x8e\xe2\x80\x8fmarks",             /* LRM RLM */
	"word\xe2\x81\xa0joiner\xef\xbb\xbf",        /* WJ, BOM */
	"soft\xc2\xadhyphen",                        /* U+00AD */
	combining_flood,                             /* Z and 300 combining marks */
	"overlong\xc0\xaf",                          /* overlong '/' */
	"overlong3\xe0\x80\xaf",                     /* 3-byte overlong '/' */
	"invalid\xff\xfe",                           /* never valid in UTF-8 */
	"lone\x80" "continuation",                   /* lone continuation byte */
	"truncated\xe2\x82",                         /* truncated 3-byte sequence */
	"trunc4\xf0\x9f\x98",                        /* truncated 4-byte sequence */
	"surrogate\xed\xa0\x80\xed\xbf\xbf",         /* encoded surrogates */
	"beyond\xf4\x90\x80\x80",                    /* above U+10FFFF */
	long_name,                                   /* 10 KB */
	"w\xd0\xb5" "b-prod-01",                     /* Cyrillic e: imitates web-prod-01 */
	"web-prod-01\xe2\x80\x8b",                   /* zero-width tail: imitates web-prod-01 */
	"%s%n%x%p",                                  /* format string */
	"\xe5\x85\xa8\xe8\xa7\x92\xe3\x82\xb5\xe3\x83\xbc\xe3\x83\x90", /* wide CJK */
	"\xf0\x9f\x94\xa5\xf0\x9f\x94\xa5-emoji",    /* wide emoji */
	"",                                          /* empty */
	"   ",                                       /* blanks only */
	/* Appended, so the servers of a small hostile world keep their names. */
	"tag\xf3\xa0\x80\x81\xf3\xa0\x81\x81\xf3\xa0\x81\xbf" "chars", /* tag chars U+E0001 E0041 E007F */
	"nul" DD_SB_WIRE_NUL "byte",                 /* \u0000 on the wire */
	"lone" DD_SB_WIRE_HIGH "high",               /* \ud800 on the wire, unpaired */
	"lone" DD_SB_WIRE_LOW "low",                 /* \udc00 on the wire, unpaired */
	"concealed\x1b[8mhidden\x1b[28m",           /* SGR conceal */
	"\x1b" "7saved\x1b" "8restored",             /* DECSC / DECRC */
	"\x1b[1;3rscroll-region",                    /* DECSTBM */
	"\x1b]52;c;b3duZWQ=\x07" "clipboard",         /* OSC 52 clipboard write */
	"\x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\str", /* APC, PM, SOS strings */
	"raw\x9b" "31mc1",                           /* 8-bit C1 CSI byte, not UTF-8 */
	"trailing-escape\x1b",                      /* ESC at the very end */
	"fake\r\nline: injected",                    /* CR LF: a forged second line */
	"\xe2\x80\xae\x1b[31mrlo-and-csi",           /* bidi override and CSI */
	"line\xe2\x80\xa8sep\xe2\x80\xa9para",        /* U+2028, U+2029 */
	"arabic\xd8\x9c" "mark\xef\xbf\xb9" "ann\xef\xbf\xbb", /* ALM U+061C, annotations U+FFF9/FFFB */
	"nonchar\xef\xbf\xbe\xef\xbf\xbf",            /* U+FFFE, U+FFFF */
	"hangul\xe3\x85\xa4" "filler",                /* U+3164: looks blank */
	esc_flood,                                   /* 4 KB of erase-screen sequences */
};

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
	for (size_t i = 0; i < LONG_NAME_LEN; i++)
		long_name[i] = "0123456789abcdefghijklmnopqrstuvwxyz"[i % 36];
	long_name[LONG_NAME_LEN] = '\0';
	size_t k = 0;
	combining_flood[k++] = 'Z';
	for (size_t i = 0; i < COMBINING_MARKS; i++) {
		/* U+0300..U+036F */
		unsigned cp = 0x300u + (unsigned)(i % 0x70);
		combining_flood[k++] = (char)(0xC0 | (cp >> 6));
		combining_flood[k++] = (char)(0x80 | (cp & 0x3F));
	}
	combining_flood[k] = '\0';
	for (size_t i = 0; i < ESC_FLOOD_REPEAT; i++)
		memcpy(esc_flood + 4 * i, "\x1b[2J", 4);
	esc_flood[ESC_FLOOD_REPEAT * 4] = '\0';
}

const char *const *dd_sandbox_hostile_strings(size_t *n)
{
	pthread_once(&once, build);
	if (n)
		*n = sizeof hostile / sizeof hostile[0];
	return hostile;
}
