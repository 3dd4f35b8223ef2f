/* SPDX-License-Identifier: MIT */
/*
 * shell.c - BuildKit's variable expansion and word splitting.
 *
 * BuildKit expands $VAR and ${VAR...} in Dockerfile arguments with a small
 * lexer of its own (frontend/dockerfile/shell/lex.go).  It is not a POSIX
 * shell: the escape token is configurable, only double quotes expand, there
 * is no field splitting inside quotes, and the ${} operators are a fixed
 * subset.  What follows reproduces its behaviour, quirks included, so that
 * what we report matches what `docker build` would do.  Where we differ on
 * purpose the code says so (search for "deviation").
 *
 * Input is a byte range that may hold NUL bytes and invalid UTF-8.  It is
 * decoded rune by rune as Go does (an invalid byte is one U+FFFD), but the
 * output receives the original bytes (deviation: Go writes U+FFFD).
 *
 * The reference is lex.go of the Dockerfile frontend 1.16 and later: "<<"
 * keeps the blanks after it in its word (1.16), and ${n:#p} and ${n:%p}
 * are errors (1.10).
 */
#include "dockwright.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#define SH_EOF		(-1)
/* Nested ${...} and quotes recurse; this bounds the C stack. */
#define SH_MAX_DEPTH	256
/* Cells of the glob matching tables (pattern tokens x (value runes + 1))
 * that one call may fill; beyond it a substitution fails instead of taking
 * seconds.  Typical patterns and values need a few hundred. */
#define SH_MATCH_BUDGET	((size_t)1 << 26)
/* ${n//p/r} multiplies text, and nested ones multiply again; all of them
 * in one call together may not produce more than this (a limit per
 * substitution still let a line of a few of them take gigabytes). */
#define SH_MAX_OUTPUT	((size_t)1 << 24)
#define SH_BOM		0xFEFF

/* ---- Unicode classes, as Go's unicode.IsLetter / unicode.IsDigit ------- */

struct urange {
	uint32_t lo, hi;
};

/*
 * General categories L* (from U+0080) and Nd (from U+0080), generated from
 * the Unicode 15.0.0 UnicodeData.txt, the version Go's unicode package has
 * carried since Go 1.21.
 */
static const struct urange letter_ranges[] = {
	{0x00AA, 0x00AA}, {0x00B5, 0x00B5}, {0x00BA, 0x00BA}, {0x00C0, 0x00D6},
	{0x00D8, 0x00F6}, {0x00F8, 0x02C1}, {0x02C6, 0x02D1}, {0x02E0, 0x02E4},
	{0x02EC, 0x02EC}, {0x02EE, 0x02EE}, {0x0370, 0x0374}, {0x0376, 0x0377},
	{0x037A, 0x037D}, {0x037F, 0x037F}, {0x0386, 0x0386}, {0x0388, 0x038A},
	{0x038C, 0x038C}, {0x038E, 0x03A1}, {0x03A3, 0x03F5}, {0x03F7, 0x0481},
	{0x048A, 0x052F}, {0x0531, 0x0556}, {0x0559, 0x0559}, {0x0560, 0x0588},
	{0x05D0, 0x05EA}, {0x05EF, 0x05F2}, {0x0620, 0x064A}, {0x066E, 0x066F},
	{0x0671, 0x06D3}, {0x06D5, 0x06D5}, {0x06E5, 0x06E6}, {0x06EE, 0x06EF},
	{0x06FA, 0x06FC}, {0x06FF, 0x06FF}, {0x0710, 0x0710}, {0x0712, 0x072F},
	{0x074D, 0x07A5}, {0x07B1, 0x07B1}, {0x07CA, 0x07EA}, {0x07F4, 0x07F5},
	{0x07FA, 0x07FA}, {0x0800, 0x0815}, {0x081A, 0x081A}, {0x0824, 0x0824},
	{0x0828, 0x0828}, {0x0840, 0x0858}, {0x0860, 0x086A}, {0x0870, 0x0887},
	{0x0889, 0x088E}, {0x08A0, 0x08C9}, {0x0904, 0x0939}, {0x093D, 0x093D},
	{0x0950, 0x0950}, {0x0958, 0x0961}, {0x0971, 0x0980}, {0x0985, 0x098C},
	{0x098F, 0x0990}, {0x0993, 0x09A8}, {0x09AA, 0x09B0}, {0x09B2, 0x09B2},
	{0x09B6, 0x09B9}, {0x09BD, 0x09BD}, {0x09CE, 0x09CE}, {0x09DC, 0x09DD},
	{0x09DF, 0x09E1}, {0x09F0, 0x09F1}, {0x09FC, 0x09FC}, {0x0A05, 0x0A0A},
	{0x0A0F, 0x0A10}, {0x0A13, 0x0A28}, {0x0A2A, 0x0A30}, {0x0A32, 0x0A33},
	{0x0A35, 0x0A36}, {0x0A38, 0x0A39}, {0x0A59, 0x0A5C}, {0x0A5E, 0x0A5E},
	{0x0A72, 0x0A74}, {0x0A85, 0x0A8D}, {0x0A8F, 0x0A91}, {0x0A93, 0x0AA8},
	{0x0AAA, 0x0AB0}, {0x0AB2, 0x0AB3}, {0x0AB5, 0x0AB9}, {0x0ABD, 0x0ABD},
	{0x0AD0, 0x0AD0}, {0x0AE0, 0x0AE1}, {0x0AF9, 0x0AF9}, {0x0B05, 0x0B0C},
	{0x0B0F, 0x0B10}, {0x0B13, 0x0B28}, {0x0B2A, 0x0B30}, {0x0B32, 0x0B33},
	{0x0B35, 0x0B39}, {0x0B3D, 0x0B3D}, {0x0B5C, 0x0B5D}, {0x0B5F, 0x0B61},
	{0x0B71, 0x0B71}, {0x0B83, 0x0B83}, {0x0B85, 0x0B8A}, {0x0B8E, 0x0B90},
	{0x0B92, 0x0B95}, {0x0B99, 0x0B9A}, {0x0B9C, 0x0B9C}, {0x0B9E, 0x0B9F},
	{0x0BA3, 0x0BA4}, {0x0BA8, 0x0BAA}, {0x0BAE, 0x0BB9}, {0x0BD0, 0x0BD0},
	{0x0C05, 0x0C0C}, {0x0C0E, 0x0C10}, {0x0C12, 0x0C28}, {0x0C2A, 0x0C39},
	{0x0C3D, 0x0C3D}, {0x0C58, 0x0C5A}, {0x0C5D, 0x0C5D}, {0x0C60, 0x0C61},
	{0x0C80, 0x0C80}, {0x0C85, 0x0C8C}, {0x0C8E, 0x0C90}, {0x0C92, 0x0CA8},
	{0x0CAA, 0x0CB3}, {0x0CB5, 0x0CB9}, {0x0CBD, 0x0CBD}, {0x0CDD, 0x0CDE},
	{0x0CE0, 0x0CE1}, {0x0CF1, 0x0CF2}, {0x0D04, 0x0D0C}, {0x0D0E, 0x0D10},
	{0x0D12, 0x0D3A}, {0x0D3D, 0x0D3D}, {0x0D4E, 0x0D4E}, {0x0D54, 0x0D56},
	{0x0D5F, 0x0D61}, {0x0D7A, 0x0D7F}, {0x0D85, 0x0D96}, {0x0D9A, 0x0DB1},
	{0x0DB3, 0x0DBB}, {0x0DBD, 0x0DBD}, {0x0DC0, 0x0DC6}, {0x0E01, 0x0E30},
	{0x0E32, 0x0E33}, {0x0E40, 0x0E46}, {0x0E81, 0x0E82}, {0x0E84, 0x0E84},
	{0x0E86, 0x0E8A}, {0x0E8C, 0x0EA3}, {0x0EA5, 0x0EA5}, {0x0EA7, 0x0EB0},
	{0x0EB2, 0x0EB3}, {0x0EBD, 0x0EBD}, {0x0EC0, 0x0EC4}, {0x0EC6, 0x0EC6},
	{0x0EDC, 0x0EDF}, {0x0F00, 0x0F00}, {0x0F40, 0x0F47}, {0x0F49, 0x0F6C},
	{0x0F88, 0x0F8C}, {0x1000, 0x102A}, {0x103F, 0x103F}, {0x1050, 0x1055},
	{0x105A, 0x105D}, {0x1061, 0x1061}, {0x1065, 0x1066}, {0x106E, 0x1070},
	{0x1075, 0x1081}, {0x108E, 0x108E}, {0x10A0, 0x10C5}, {0x10C7, 0x10C7},
	{0x10CD, 0x10CD}, {0x10D0, 0x10FA}, {0x10FC, 0x1248}, {0x124A, 0x124D},
	{0x1250, 0x1256}, {0x1258, 0x1258}, {0x125A, 0x125D}, {0x1260, 0x1288},
	{0x128A, 0x128D}, {0x1290, 0x12B0}, {0x12B2, 0x12B5}, {0x12B8, 0x12BE},
	{0x12C0, 0x12C0}, {0x12C2, 0x12C5}, {0x12C8, 0x12D6}, {0x12D8, 0x1310},
	{0x1312, 0x1315}, {0x1318, 0x135A}, {0x1380, 0x138F}, {0x13A0, 0x13F5},
	{0x13F8, 0x13FD}, {0x1401, 0x166C}, {0x166F, 0x167F}, {0x1681, 0x169A},
	{0x16A0, 0x16EA}, {0x16F1, 0x16F8}, {0x1700, 0x1711}, {0x171F, 0x1731},
	{0x1740, 0x1751}, {0x1760, 0x176C}, {0x176E, 0x1770}, {0x1780, 0x17B3},
	{0x17D7, 0x17D7}, {0x17DC, 0x17DC}, {0x1820, 0x1878}, {0x1880, 0x1884},
	{0x1887, 0x18A8}, {0x18AA, 0x18AA}, {0x18B0, 0x18F5}, {0x1900, 0x191E},
	{0x1950, 0x196D}, {0x1970, 0x1974}, {0x1980, 0x19AB}, {0x19B0, 0x19C9},
	{0x1A00, 0x1A16}, {0x1A20, 0x1A54}, {0x1AA7, 0x1AA7}, {0x1B05, 0x1B33},
	{0x1B45, 0x1B4C}, {0x1B83, 0x1BA0}, {0x1BAE, 0x1BAF}, {0x1BBA, 0x1BE5},
	{0x1C00, 0x1C23}, {0x1C4D, 0x1C4F}, {0x1C5A, 0x1C7D}, {0x1C80, 0x1C88},
	{0x1C90, 0x1CBA}, {0x1CBD, 0x1CBF}, {0x1CE9, 0x1CEC}, {0x1CEE, 0x1CF3},
	{0x1CF5, 0x1CF6}, {0x1CFA, 0x1CFA}, {0x1D00, 0x1DBF}, {0x1E00, 0x1F15},
	{0x1F18, 0x1F1D}, {0x1F20, 0x1F45}, {0x1F48, 0x1F4D}, {0x1F50, 0x1F57},
	{0x1F59, 0x1F59}, {0x1F5B, 0x1F5B}, {0x1F5D, 0x1F5D}, {0x1F5F, 0x1F7D},
	{0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC}, {0x1FBE, 0x1FBE}, {0x1FC2, 0x1FC4},
	{0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3}, {0x1FD6, 0x1FDB}, {0x1FE0, 0x1FEC},
	{0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC}, {0x2071, 0x2071}, {0x207F, 0x207F},
	{0x2090, 0x209C}, {0x2102, 0x2102}, {0x2107, 0x2107}, {0x210A, 0x2113},
	{0x2115, 0x2115}, {0x2119, 0x211D}, {0x2124, 0x2124}, {0x2126, 0x2126},
	{0x2128, 0x2128}, {0x212A, 0x212D}, {0x212F, 0x2139}, {0x213C, 0x213F},
	{0x2145, 0x2149}, {0x214E, 0x214E}, {0x2183, 0x2184}, {0x2C00, 0x2CE4},
	{0x2CEB, 0x2CEE}, {0x2CF2, 0x2CF3}, {0x2D00, 0x2D25}, {0x2D27, 0x2D27},
	{0x2D2D, 0x2D2D}, {0x2D30, 0x2D67}, {0x2D6F, 0x2D6F}, {0x2D80, 0x2D96},
	{0x2DA0, 0x2DA6}, {0x2DA8, 0x2DAE}, {0x2DB0, 0x2DB6}, {0x2DB8, 0x2DBE},
	{0x2DC0, 0x2DC6}, {0x2DC8, 0x2DCE}, {0x2DD0, 0x2DD6}, {0x2DD8, 0x2DDE},
	{0x2E2F, 0x2E2F}, {0x3005, 0x3006}, {0x3031, 0x3035}, {0x303B, 0x303C},
	{0x3041, 0x3096}, {0x309D, 0x309F}, {0x30A1, 0x30FA}, {0x30FC, 0x30FF},
	{0x3105, 0x312F}, {0x3131, 0x318E}, {0x31A0, 0x31BF}, {0x31F0, 0x31FF},
	{0x3400, 0x4DBF}, {0x4E00, 0xA48C}, {0xA4D0, 0xA4FD}, {0xA500, 0xA60C},
	{0xA610, 0xA61F}, {0xA62A, 0xA62B}, {0xA640, 0xA66E}, {0xA67F, 0xA69D},
	{0xA6A0, 0xA6E5}, {0xA717, 0xA71F}, {0xA722, 0xA788}, {0xA78B, 0xA7CA},
	{0xA7D0, 0xA7D1}, {0xA7D3, 0xA7D3}, {0xA7D5, 0xA7D9}, {0xA7F2, 0xA801},
	{0xA803, 0xA805}, {0xA807, 0xA80A}, {0xA80C, 0xA822}, {0xA840, 0xA873},
	{0xA882, 0xA8B3}, {0xA8F2, 0xA8F7}, {0xA8FB, 0xA8FB}, {0xA8FD, 0xA8FE},
	{0xA90A, 0xA925}, {0xA930, 0xA946}, {0xA960, 0xA97C}, {0xA984, 0xA9B2},
	{0xA9CF, 0xA9CF}, {0xA9E0, 0xA9E4}, {0xA9E6, 0xA9EF}, {0xA9FA, 0xA9FE},
	{0xAA00, 0xAA28}, {0xAA40, 0xAA42}, {0xAA44, 0xAA4B}, {0xAA60, 0xAA76},
	{0xAA7A, 0xAA7A}, {0xAA7E, 0xAAAF}, {0xAAB1, 0xAAB1}, {0xAAB5, 0xAAB6},
	{0xAAB9, 0xAABD}, {0xAAC0, 0xAAC0}, {0xAAC2, 0xAAC2}, {0xAADB, 0xAADD},
	{0xAAE0, 0xAAEA}, {0xAAF2, 0xAAF4}, {0xAB01, 0xAB06}, {0xAB09, 0xAB0E},
	{0xAB11, 0xAB16}, {0xAB20, 0xAB26}, {0xAB28, 0xAB2E}, {0xAB30, 0xAB5A},
	{0xAB5C, 0xAB69}, {0xAB70, 0xABE2}, {0xAC00, 0xD7A3}, {0xD7B0, 0xD7C6},
	{0xD7CB, 0xD7FB}, {0xF900, 0xFA6D}, {0xFA70, 0xFAD9}, {0xFB00, 0xFB06},
	{0xFB13, 0xFB17}, {0xFB1D, 0xFB1D}, {0xFB1F, 0xFB28}, {0xFB2A, 0xFB36},
	{0xFB38, 0xFB3C}, {0xFB3E, 0xFB3E}, {0xFB40, 0xFB41}, {0xFB43, 0xFB44},
	{0xFB46, 0xFBB1}, {0xFBD3, 0xFD3D}, {0xFD50, 0xFD8F}, {0xFD92, 0xFDC7},
	{0xFDF0, 0xFDFB}, {0xFE70, 0xFE74}, {0xFE76, 0xFEFC}, {0xFF21, 0xFF3A},
	{0xFF41, 0xFF5A}, {0xFF66, 0xFFBE}, {0xFFC2, 0xFFC7}, {0xFFCA, 0xFFCF},
	{0xFFD2, 0xFFD7}, {0xFFDA, 0xFFDC}, {0x10000, 0x1000B}, {0x1000D, 0x10026},
	{0x10028, 0x1003A}, {0x1003C, 0x1003D}, {0x1003F, 0x1004D},
	{0x10050, 0x1005D}, {0x10080, 0x100FA}, {0x10280, 0x1029C},
	{0x102A0, 0x102D0}, {0x10300, 0x1031F}, {0x1032D, 0x10340},
	{0x10342, 0x10349}, {0x10350, 0x10375}, {0x10380, 0x1039D},
	{0x103A0, 0x103C3}, {0x103C8, 0x103CF}, {0x10400, 0x1049D},
	{0x104B0, 0x104D3}, {0x104D8, 0x104FB}, {0x10500, 0x10527},
	{0x10530, 0x10563}, {0x10570, 0x1057A}, {0x1057C, 0x1058A},
	{0x1058C, 0x10592}, {0x10594, 0x10595}, {0x10597, 0x105A1},
	{0x105A3, 0x105B1}, {0x105B3, 0x105B9}, {0x105BB, 0x105BC},
	{0x10600, 0x10736}, {0x10740, 0x10755}, {0x10760, 0x10767},
	{0x10780, 0x10785}, {0x10787, 0x107B0}, {0x107B2, 0x107BA},
	{0x10800, 0x10805}, {0x10808, 0x10808}, {0x1080A, 0x10835},
	{0x10837, 0x10838}, {0x1083C, 0x1083C}, {0x1083F, 0x10855},
	{0x10860, 0x10876}, {0x10880, 0x1089E}, {0x108E0, 0x108F2},
	{0x108F4, 0x108F5}, {0x10900, 0x10915}, {0x10920, 0x10939},
	{0x10980, 0x109B7}, {0x109BE, 0x109BF}, {0x10A00, 0x10A00},
	{0x10A10, 0x10A13}, {0x10A15, 0x10A17}, {0x10A19, 0x10A35},
	{0x10A60, 0x10A7C}, {0x10A80, 0x10A9C}, {0x10AC0, 0x10AC7},
	{0x10AC9, 0x10AE4}, {0x10B00, 0x10B35}, {0x10B40, 0x10B55},
	{0x10B60, 0x10B72}, {0x10B80, 0x10B91}, {0x10C00, 0x10C48},
	{0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2}, {0x10D00, 0x10D23},
	{0x10E80, 0x10EA9}, {0x10EB0, 0x10EB1}, {0x10F00, 0x10F1C},
	{0x10F27, 0x10F27}, {0x10F30, 0x10F45}, {0x10F70, 0x10F81},
	{0x10FB0, 0x10FC4}, {0x10FE0, 0x10FF6}, {0x11003, 0x11037},
	{0x11071, 0x11072}, {0x11075, 0x11075}, {0x11083, 0x110AF},
	{0x110D0, 0x110E8}, {0x11103, 0x11126}, {0x11144, 0x11144},
	{0x11147, 0x11147}, {0x11150, 0x11172}, {0x11176, 0x11176},
	{0x11183, 0x111B2}, {0x111C1, 0x111C4}, {0x111DA, 0x111DA},
	{0x111DC, 0x111DC}, {0x11200, 0x11211}, {0x11213, 0x1122B},
	{0x1123F, 0x11240}, {0x11280, 0x11286}, {0x11288, 0x11288},
	{0x1128A, 0x1128D}, {0x1128F, 0x1129D}, {0x1129F, 0x112A8},
	{0x112B0, 0x112DE}, {0x11305, 0x1130C}, {0x1130F, 0x11310},
	{0x11313, 0x11328}, {0x1132A, 0x11330}, {0x11332, 0x11333},
	{0x11335, 0x11339}, {0x1133D, 0x1133D}, {0x11350, 0x11350},
	{0x1135D, 0x11361}, {0x11400, 0x11434}, {0x11447, 0x1144A},
	{0x1145F, 0x11461}, {0x11480, 0x114AF}, {0x114C4, 0x114C5},
	{0x114C7, 0x114C7}, {0x11580, 0x115AE}, {0x115D8, 0x115DB},
	{0x11600, 0x1162F}, {0x11644, 0x11644}, {0x11680, 0x116AA},
	{0x116B8, 0x116B8}, {0x11700, 0x1171A}, {0x11740, 0x11746},
	{0x11800, 0x1182B}, {0x118A0, 0x118DF}, {0x118FF, 0x11906},
	{0x11909, 0x11909}, {0x1190C, 0x11913}, {0x11915, 0x11916},
	{0x11918, 0x1192F}, {0x1193F, 0x1193F}, {0x11941, 0x11941},
	{0x119A0, 0x119A7}, {0x119AA, 0x119D0}, {0x119E1, 0x119E1},
	{0x119E3, 0x119E3}, {0x11A00, 0x11A00}, {0x11A0B, 0x11A32},
	{0x11A3A, 0x11A3A}, {0x11A50, 0x11A50}, {0x11A5C, 0x11A89},
	{0x11A9D, 0x11A9D}, {0x11AB0, 0x11AF8}, {0x11C00, 0x11C08},
	{0x11C0A, 0x11C2E}, {0x11C40, 0x11C40}, {0x11C72, 0x11C8F},
	{0x11D00, 0x11D06}, {0x11D08, 0x11D09}, {0x11D0B, 0x11D30},
	{0x11D46, 0x11D46}, {0x11D60, 0x11D65}, {0x11D67, 0x11D68},
	{0x11D6A, 0x11D89}, {0x11D98, 0x11D98}, {0x11EE0, 0x11EF2},
	{0x11F02, 0x11F02}, {0x11F04, 0x11F10}, {0x11F12, 0x11F33},
	{0x11FB0, 0x11FB0}, {0x12000, 0x12399}, {0x12480, 0x12543},
	{0x12F90, 0x12FF0}, {0x13000, 0x1342F}, {0x13441, 0x13446},
	{0x14400, 0x14646}, {0x16800, 0x16A38}, {0x16A40, 0x16A5E},
	{0x16A70, 0x16ABE}, {0x16AD0, 0x16AED}, {0x16B00, 0x16B2F},
	{0x16B40, 0x16B43}, {0x16B63, 0x16B77}, {0x16B7D, 0x16B8F},
	{0x16E40, 0x16E7F}, {0x16F00, 0x16F4A}, {0x16F50, 0x16F50},
	{0x16F93, 0x16F9F}, {0x16FE0, 0x16FE1}, {0x16FE3, 0x16FE3},
	{0x17000, 0x187F7}, {0x18800, 0x18CD5}, {0x18D00, 0x18D08},
	{0x1AFF0, 0x1AFF3}, {0x1AFF5, 0x1AFFB}, {0x1AFFD, 0x1AFFE},
	{0x1B000, 0x1B122}, {0x1B132, 0x1B132}, {0x1B150, 0x1B152},
	{0x1B155, 0x1B155}, {0x1B164, 0x1B167}, {0x1B170, 0x1B2FB},
	{0x1BC00, 0x1BC6A}, {0x1BC70, 0x1BC7C}, {0x1BC80, 0x1BC88},
	{0x1BC90, 0x1BC99}, {0x1D400, 0x1D454}, {0x1D456, 0x1D49C},
	{0x1D49E, 0x1D49F}, {0x1D4A2, 0x1D4A2}, {0x1D4A5, 0x1D4A6},
	{0x1D4A9, 0x1D4AC}, {0x1D4AE, 0x1D4B9}, {0x1D4BB, 0x1D4BB},
	{0x1D4BD, 0x1D4C3}, {0x1D4C5, 0x1D505}, {0x1D507, 0x1D50A},
	{0x1D50D, 0x1D514}, {0x1D516, 0x1D51C}, {0x1D51E, 0x1D539},
	{0x1D53B, 0x1D53E}, {0x1D540, 0x1D544}, {0x1D546, 0x1D546},
	{0x1D54A, 0x1D550}, {0x1D552, 0x1D6A5}, {0x1D6A8, 0x1D6C0},
	{0x1D6C2, 0x1D6DA}, {0x1D6DC, 0x1D6FA}, {0x1D6FC, 0x1D714},
	{0x1D716, 0x1D734}, {0x1D736, 0x1D74E}, {0x1D750, 0x1D76E},
	{0x1D770, 0x1D788}, {0x1D78A, 0x1D7A8}, {0x1D7AA, 0x1D7C2},
	{0x1D7C4, 0x1D7CB}, {0x1DF00, 0x1DF1E}, {0x1DF25, 0x1DF2A},
	{0x1E030, 0x1E06D}, {0x1E100, 0x1E12C}, {0x1E137, 0x1E13D},
	{0x1E14E, 0x1E14E}, {0x1E290, 0x1E2AD}, {0x1E2C0, 0x1E2EB},
	{0x1E4D0, 0x1E4EB}, {0x1E7E0, 0x1E7E6}, {0x1E7E8, 0x1E7EB},
	{0x1E7ED, 0x1E7EE}, {0x1E7F0, 0x1E7FE}, {0x1E800, 0x1E8C4},
	{0x1E900, 0x1E943}, {0x1E94B, 0x1E94B}, {0x1EE00, 0x1EE03},
	{0x1EE05, 0x1EE1F}, {0x1EE21, 0x1EE22}, {0x1EE24, 0x1EE24},
	{0x1EE27, 0x1EE27}, {0x1EE29, 0x1EE32}, {0x1EE34, 0x1EE37},
	{0x1EE39, 0x1EE39}, {0x1EE3B, 0x1EE3B}, {0x1EE42, 0x1EE42},
	{0x1EE47, 0x1EE47}, {0x1EE49, 0x1EE49}, {0x1EE4B, 0x1EE4B},
	{0x1EE4D, 0x1EE4F}, {0x1EE51, 0x1EE52}, {0x1EE54, 0x1EE54},
	{0x1EE57, 0x1EE57}, {0x1EE59, 0x1EE59}, {0x1EE5B, 0x1EE5B},
	{0x1EE5D, 0x1EE5D}, {0x1EE5F, 0x1EE5F}, {0x1EE61, 0x1EE62},
	{0x1EE64, 0x1EE64}, {0x1EE67, 0x1EE6A}, {0x1EE6C, 0x1EE72},
	{0x1EE74, 0x1EE77}, {0x1EE79, 0x1EE7C}, {0x1EE7E, 0x1EE7E},
	{0x1EE80, 0x1EE89}, {0x1EE8B, 0x1EE9B}, {0x1EEA1, 0x1EEA3},
	{0x1EEA5, 0x1EEA9}, {0x1EEAB, 0x1EEBB}, {0x20000, 0x2A6DF},
	{0x2A700, 0x2B739}, {0x2B740, 0x2B81D}, {0x2B820, 0x2CEA1},
	{0x2CEB0, 0x2EBE0}, {0x2F800, 0x2FA1D}, {0x30000, 0x3134A},
	{0x31350, 0x323AF},
};
static const struct urange digit_ranges[] = {
	{0x0660, 0x0669}, {0x06F0, 0x06F9}, {0x07C0, 0x07C9}, {0x0966, 0x096F},
	{0x09E6, 0x09EF}, {0x0A66, 0x0A6F}, {0x0AE6, 0x0AEF}, {0x0B66, 0x0B6F},
	{0x0BE6, 0x0BEF}, {0x0C66, 0x0C6F}, {0x0CE6, 0x0CEF}, {0x0D66, 0x0D6F},
	{0x0DE6, 0x0DEF}, {0x0E50, 0x0E59}, {0x0ED0, 0x0ED9}, {0x0F20, 0x0F29},
	{0x1040, 0x1049}, {0x1090, 0x1099}, {0x17E0, 0x17E9}, {0x1810, 0x1819},
	{0x1946, 0x194F}, {0x19D0, 0x19D9}, {0x1A80, 0x1A89}, {0x1A90, 0x1A99},
	{0x1B50, 0x1B59}, {0x1BB0, 0x1BB9}, {0x1C40, 0x1C49}, {0x1C50, 0x1C59},
	{0xA620, 0xA629}, {0xA8D0, 0xA8D9}, {0xA900, 0xA909}, {0xA9D0, 0xA9D9},
	{0xA9F0, 0xA9F9}, {0xAA50, 0xAA59}, {0xABF0, 0xABF9}, {0xFF10, 0xFF19},
	{0x104A0, 0x104A9}, {0x10D30, 0x10D39}, {0x11066, 0x1106F},
	{0x110F0, 0x110F9}, {0x11136, 0x1113F}, {0x111D0, 0x111D9},
	{0x112F0, 0x112F9}, {0x11450, 0x11459}, {0x114D0, 0x114D9},
	{0x11650, 0x11659}, {0x116C0, 0x116C9}, {0x11730, 0x11739},
	{0x118E0, 0x118E9}, {0x11950, 0x11959}, {0x11C50, 0x11C59},
	{0x11D50, 0x11D59}, {0x11DA0, 0x11DA9}, {0x11F50, 0x11F59},
	{0x16A60, 0x16A69}, {0x16AC0, 0x16AC9}, {0x16B50, 0x16B59},
	{0x1D7CE, 0x1D7FF}, {0x1E140, 0x1E149}, {0x1E2F0, 0x1E2F9},
	{0x1E4F0, 0x1E4F9}, {0x1E950, 0x1E959}, {0x1FBF0, 0x1FBF9},
};

static bool
in_ranges(uint32_t c, const struct urange *r, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < r[mid].lo)
			hi = mid;
		else if (c > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static bool
is_digit(int32_t c)
{
	if (c < 0)
		return false;
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return in_ranges((uint32_t)c, digit_ranges,
	    sizeof digit_ranges / sizeof digit_ranges[0]);
}

static bool
is_letter(int32_t c)
{
	if (c < 0)
		return false;
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return in_ranges((uint32_t)c, letter_ranges,
	    sizeof letter_ranges / sizeof letter_ranges[0]);
}

static bool
is_name_rune(int32_t c)
{
	return c == '_' || is_letter(c) || is_digit(c);
}

/* ---- the lexer state ---------------------------------------------------- */

struct lexer {
	const char *p;		/* next unread byte */
	const char *end;
	const dw_shell_opts *o;
	const dw_env *env;
	int32_t esc;
	unsigned depth;		/* nested stop_on calls */
	size_t budget;		/* glob table cells left */
	size_t out_left;	/* bytes that ${n//p/r} may still produce */
	bool quiet_unset;	/* the reference handles unset itself (${n:-w}) */
	struct words *words;	/* the top-level word list, if wanted */
	dw_buf msg;		/* the error message, once there is one */
};

/* The word list of ProcessWords, built next to the single-word result. */
struct words {
	dw_buf cur;
	bool in_word;
	dw_strv list;
};

static int stop_on(struct lexer *, int32_t, bool, dw_buf *, struct words *);
static int dollar(struct lexer *, dw_buf *);

static int32_t
peek_width(const struct lexer *lx, size_t *w)
{
	uint32_t c;

	if (lx->p >= lx->end) {
		*w = 0;
		return SH_EOF;
	}
	*w = dw_utf8_decode(lx->p, (size_t)(lx->end - lx->p), &c);
	return (int32_t)c;
}

static int32_t
peek(const struct lexer *lx)
{
	size_t w;

	return peek_width(lx, &w);
}

static int32_t
next(struct lexer *lx)
{
	size_t w;
	int32_t c = peek_width(lx, &w);

	lx->p += w;
	return c;
}

/* The message buffer, emptied: an inner error may be replaced by an outer
 * one, as BuildKit does for an unterminated ${. */
static dw_buf *
fail_msg(struct lexer *lx)
{
	dw_buf_clear(&lx->msg);
	return &lx->msg;
}

static int
fail(struct lexer *lx, const char *msg)
{
	dw_buf_puts(fail_msg(lx), msg);
	return -1;
}

/* Bytes appended to b since offset `from`; never a null pointer. */
static const char *
since(const dw_buf *b, size_t from)
{
	return b->ptr != NULL ? b->ptr + from : "";
}

/* ---- words -------------------------------------------------------------- */

static void
words_flush(struct words *w)
{
	if (w->cur.len > 0) {
		dw_strv_push(&w->list, w->cur.ptr, w->cur.len);
		dw_buf_clear(&w->cur);
		w->in_word = false;
	}
}

/* An unquoted character: white space ends a non-empty word. */
static void
words_char(struct words *w, int32_t c, const char *s, size_t n)
{
	if (w == NULL)
		return;
	if (dw_is_space((uint32_t)c)) {
		if (w->in_word)
			words_flush(w);
		return;
	}
	dw_buf_put(&w->cur, s, n);
	w->in_word = true;
}

/* Quoted text or an escaped character: never splits.  An empty "" marks
 * the word as started but, as upstream, does not make an empty word. */
static void
words_raw(struct words *w, const char *s, size_t n)
{
	if (w == NULL)
		return;
	dw_buf_put(&w->cur, s, n);
	w->in_word = true;
}

/* The value of an unquoted expansion splits on white space. */
static void
words_split(struct words *w, const char *s, size_t n)
{
	size_t i, k;
	uint32_t c;

	if (w == NULL)
		return;
	for (i = 0; i < n; i += k) {
		k = dw_utf8_decode(s + i, n - i, &c);
		words_char(w, (int32_t)c, s + i, k);
	}
}

/* ---- the environment ---------------------------------------------------- */

/* Later entries win, so search from the end.  Every miss is reported,
 * positional and special names included: the caller filters. */
static bool
lookup(struct lexer *lx, const char *name, size_t len, const char **val)
{
	const dw_env *e = lx->env;
	size_t i;

	if (lx->o->lookup != NULL) {
		if (lx->o->lookup(lx->o->ctx, name, len, val))
			return true;
		goto unset;
	}
	if (e != NULL && e->names != NULL) {
		for (i = e->n; i > 0; i--) {
			const char *k = e->names[i - 1];

			if (k == NULL || strnlen(k, len + 1) != len ||
			    memcmp(k, name, len) != 0)
				continue;
			*val = e->values != NULL && e->values[i - 1] != NULL ?
			    e->values[i - 1] : "";
			return true;
		}
	}
unset:
	if (lx->o->on_unset != NULL && !lx->quiet_unset)
		lx->o->on_unset(lx->o->ctx, name, len);
	*val = "";
	return false;
}

/* ---- glob patterns of ${n#p} ${n%p} ${n/p/r} ----------------------------- */

/*
 * Upstream turns the pattern into a Go regexp (* -> .* or .*?, ? -> .) and
 * asks for the leftmost-first match.  Go's "." does not match a newline,
 * so neither do our * and ?.  Instead of backtracking we fill a table from
 * the end: for each token t and position p, where the first match in
 * backtracking priority order that starts there ends.  That is exactly the
 * leftmost-first answer, in O(tokens x runes) time and O(runes) memory.
 */
enum { G_ANY = -2, G_STAR = -3 };

#define NO_MATCH SIZE_MAX

struct glob {
	int32_t *tok;		/* a rune to match literally, G_ANY or G_STAR */
	size_t n;
	bool greedy;
};

/* The runes of a string, and where each starts; off[n] is the length. */
struct runes {
	int32_t *cp;
	size_t *off;
	size_t n;
};

static void
runes_decode(struct runes *r, const char *s, size_t len)
{
	size_t i, w;
	uint32_t c;

	if (len >= SIZE_MAX / sizeof *r->off)
		dw_oom();
	r->cp = dw_malloc((len + 1) * sizeof *r->cp);
	r->off = dw_malloc((len + 1) * sizeof *r->off);
	r->n = 0;
	for (i = 0; i < len; i += w) {
		w = dw_utf8_decode(s + i, len - i, &c);
		r->cp[r->n] = (int32_t)c;
		r->off[r->n++] = i;
	}
	r->off[r->n] = len;
}

static void
runes_free(struct runes *r)
{
	free(r->cp);
	free(r->off);
}

static void
put_rune(dw_buf *b, const char *s, const struct runes *r, size_t i)
{
	dw_buf_put(b, s + r->off[i], r->off[i + 1] - r->off[i]);
}

/*
 * Reverse a pattern for the suffix match, keeping "\x" pairs in order as
 * upstream's reversePattern does (pairs are taken from the left, and a
 * trailing lone backslash moves to the front).
 */
static void
reverse_pattern(const char *s, size_t len, dw_buf *out)
{
	struct runes r;
	size_t *order, i, o;

	runes_decode(&r, s, len);
	order = dw_malloc((r.n + 1) * sizeof *order);
	for (i = 0; i < r.n;) {
		o = r.n - 1 - i;
		if (r.cp[i] == '\\' && i != r.n - 1) {
			order[o - 1] = i;
			order[o] = i + 1;
			i += 2;
		} else {
			order[o] = i++;
		}
	}
	dw_buf_put(out, "", 0);
	for (i = 0; i < r.n; i++) {
		/* Reordered invalid bytes could pair up into a real character;
		 * write them as the U+FFFD they stand for, as upstream does. */
		if (r.cp[order[i]] == (int32_t)DW_RUNE_ERROR)
			dw_buf_puts(out, "\xEF\xBF\xBD");
		else
			put_rune(out, s, &r, order[i]);
	}
	free(order);
	runes_free(&r);
}

/* "invalid escape '\x'" as Go prints it; x is U+FFFD at the end. */
static void
bad_escape(dw_buf *why, const char *s, const struct runes *r, size_t i)
{
	dw_buf_puts(why, "invalid escape '\\");
	if (i < r->n)
		put_rune(why, s, r, i);
	else
		dw_buf_puts(why, "\xEF\xBF\xBD");
	dw_buf_putc(why, '\'');
}

static int
glob_compile(const char *s, size_t len, bool greedy, struct glob *g, dw_buf *why)
{
	struct runes r;
	size_t i = 0;
	int32_t c;

	runes_decode(&r, s, len);
	g->tok = dw_malloc((r.n + 1) * sizeof *g->tok);
	g->n = 0;
	g->greedy = greedy;
	/* Upstream reads the pattern with a fresh text/scanner, which drops
	 * a leading byte order mark. */
	if (r.n > 0 && r.cp[0] == SH_BOM)
		i = 1;
	for (; i < r.n; i++) {
		c = r.cp[i];
		if (c == '*') {
			c = G_STAR;
		} else if (c == '?') {
			c = G_ANY;
		} else if (c == '\\') {
			/* "\}" and "\/" only protected the delimiter. */
			if (i + 1 < r.n && (r.cp[i + 1] == '}' || r.cp[i + 1] == '/'))
				continue;
			i++;
			if (i == r.n || (r.cp[i] != '*' && r.cp[i] != '?' &&
			    r.cp[i] != '\\')) {
				bad_escape(why, s, &r, i);
				runes_free(&r);
				free(g->tok);
				return -1;
			}
			c = r.cp[i];
		}
		g->tok[g->n++] = c;
	}
	runes_free(&r);
	return 0;
}

static bool
glob_step(int32_t tok, int32_t c)
{
	return tok < 0 ? c != '\n' : c == tok;
}

/*
 * One row of the table: cur[p] for token k from nxt, the row of the token
 * after it.  A greedy star first tries to take one more rune, a lazy one
 * first tries to stop.
 */
static void
glob_row(int32_t k, bool greedy, const int32_t *s, size_t n, const size_t *nxt,
    size_t *cur)
{
	size_t i, p;
	bool ok;

	for (i = n + 1; i > 0; i--) {
		p = i - 1;
		ok = p < n && glob_step(k, s[p]);
		if (k != G_STAR)
			cur[p] = ok ? nxt[p + 1] : NO_MATCH;
		else if (greedy)
			cur[p] = ok && cur[p + 1] != NO_MATCH ? cur[p + 1] : nxt[p];
		else
			cur[p] = nxt[p] != NO_MATCH ? nxt[p] :
			    ok ? cur[p + 1] : NO_MATCH;
	}
}

/*
 * row[p], for p in [0, n]: where the match of g that starts at rune p
 * ends, or NO_MATCH.  Fails when the call's budget would be exceeded.
 */
static int
glob_table(const struct glob *g, const int32_t *s, size_t n, size_t *row,
    size_t *budget)
{
	size_t *cur, *nxt, *spare, *tmp, p, t;

	if (g->n > *budget / (n + 1))
		return -1;
	*budget -= g->n * (n + 1);
	spare = dw_malloc((n + 1) * sizeof *spare);
	cur = spare;
	nxt = row;
	for (p = 0; p <= n; p++)
		nxt[p] = p;	/* past the last token: matched, ends here */
	for (t = g->n; t > 0; t--) {
		glob_row(g->tok[t - 1], g->greedy, s, n, nxt, cur);
		tmp = cur;
		cur = nxt;
		nxt = tmp;
	}
	if (nxt != row)
		memcpy(row, nxt, (n + 1) * sizeof *row);
	free(spare);
	return 0;
}

static int
too_complex(struct lexer *lx, const char *pat, size_t plen)
{
	dw_buf *m = fail_msg(lx);

	/* deviation: upstream has no such limit */
	dw_buf_puts(m, "invalid pattern (");
	dw_buf_put(m, pat, plen);
	dw_buf_puts(m, ") in substitution: too complex for the value");
	return -1;
}

static int
compile_or_fail(struct lexer *lx, const char *pat, size_t plen, bool greedy,
    struct glob *g)
{
	dw_buf why = DW_BUF_INIT;
	dw_buf *m;

	if (glob_compile(pat, plen, greedy, g, &why) == 0)
		return 0;
	m = fail_msg(lx);
	dw_buf_puts(m, "invalid pattern (");
	dw_buf_put(m, pat, plen);
	dw_buf_puts(m, ") in substitution: ");
	dw_buf_put(m, why.ptr, why.len);
	dw_buf_free(&why);
	return -1;
}

/*
 * ${n#p} ${n##p} ${n%p} ${n%%p}.  A suffix is matched as upstream does:
 * reversed pattern against the reversed value, anchored at the start.
 */
static int
trim(struct lexer *lx, int32_t op, const char *pat, size_t plen, bool greedy,
    const char *val, dw_buf *res)
{
	dw_buf rpat = DW_BUF_INIT;
	struct runes v;
	struct glob g;
	int32_t *cps;
	size_t *row, i, end;
	int rc = -1;

	if (op == '%') {
		reverse_pattern(pat, plen, &rpat);
		pat = since(&rpat, 0);
		plen = rpat.len;
	}
	if (compile_or_fail(lx, pat, plen, greedy, &g) == -1) {
		dw_buf_free(&rpat);
		return -1;
	}
	runes_decode(&v, val, strlen(val));
	cps = v.cp;
	if (op == '%') {
		cps = dw_malloc((v.n + 1) * sizeof *cps);
		for (i = 0; i < v.n; i++)
			cps[i] = v.cp[v.n - 1 - i];
	}
	row = dw_malloc((v.n + 1) * sizeof *row);
	if (glob_table(&g, cps, v.n, row, &lx->budget) == -1) {
		too_complex(lx, pat, plen);
		goto out;
	}
	end = row[0];
	if (end == NO_MATCH)
		dw_buf_puts(res, val);
	else if (op == '#')
		dw_buf_put(res, val + v.off[end], v.off[v.n] - v.off[end]);
	else
		dw_buf_put(res, val, v.off[v.n - end]);
	rc = 0;
out:
	if (cps != v.cp)
		free(cps);
	free(row);
	free(g.tok);
	runes_free(&v);
	dw_buf_free(&rpat);
	return rc;
}

/*
 * Go's Regexp.Expand on the replacement of ${n//p/r}, which upstream uses
 * through ReplaceAllString.  The pattern has no groups, so "$0" and "${0}"
 * are the match, "$$" is "$", any other reference is empty and a "$" that
 * starts no reference stays.  ${n/p/r} (first match only) does not expand.
 */
static bool
repl_ref(const char *s, size_t n, size_t *name, size_t *nlen, size_t *used)
{
	size_t j = s[0] == '{', k;
	uint32_t c;

	*name = j;
	for (; j < n; j += k) {
		k = dw_utf8_decode(s + j, n - j, &c);
		if (!is_name_rune((int32_t)c))
			break;
	}
	*nlen = j - *name;
	if (*nlen == 0)
		return false;
	if (*name == 1) {
		if (j >= n || s[j] != '}')
			return false;
		j++;
	}
	*used = j;
	return true;
}

static void
expand_repl(dw_buf *out, const char *t, size_t n, const char *m, size_t mlen)
{
	size_t i = 0, name, nlen, used;
	const char *d;

	while (i < n && (d = memchr(t + i, '$', n - i)) != NULL) {
		dw_buf_put(out, t + i, (size_t)(d - (t + i)));
		i = (size_t)(d - t) + 1;
		if (i < n && t[i] == '$') {
			dw_buf_putc(out, '$');
			i++;
		} else if (i < n && repl_ref(t + i, n - i, &name, &nlen, &used)) {
			if (nlen == 1 && t[i + name] == '0')
				dw_buf_put(out, m, mlen);
			i += used;
		} else {
			dw_buf_putc(out, '$');
		}
	}
	dw_buf_put(out, t + i, n - i);
}

/* Go's ReplaceAllString loop: non-overlapping matches, left to right; an
 * empty match right after a match is skipped, and the search always moves
 * on by at least one rune. */
static int
replace_all(const struct runes *v, const size_t *row, const char *val,
    const char *rep, size_t rlen, size_t *left, dw_buf *res)
{
	size_t sp = 0, s, e, last = 0, start = res->len;

	while (sp <= v->n) {
		if (res->len - start > *left)
			return -1;
		for (s = sp; s <= v->n && row[s] == NO_MATCH; s++)
			;
		if (s > v->n)
			break;
		e = row[s];
		dw_buf_put(res, val + v->off[last], v->off[s] - v->off[last]);
		if (e > last || s == 0)
			expand_repl(res, rep, rlen, val + v->off[s],
			    v->off[e] - v->off[s]);
		last = e;
		sp = e == sp ? sp + 1 : e;
	}
	dw_buf_put(res, val + v->off[last], v->off[v->n] - v->off[last]);
	if (res->len - start > *left)
		return -1;
	*left -= res->len - start;
	return 0;
}

static int
substitute(struct lexer *lx, bool all, const dw_buf *pat, const dw_buf *rep,
    const char *val, dw_buf *res)
{
	struct runes v;
	struct glob g;
	size_t *row, s;
	int rc = -1;

	if (compile_or_fail(lx, since(pat, 0), pat->len, true, &g) == -1)
		return -1;
	runes_decode(&v, val, strlen(val));
	row = dw_malloc((v.n + 1) * sizeof *row);
	if (glob_table(&g, v.cp, v.n, row, &lx->budget) == -1) {
		too_complex(lx, since(pat, 0), pat->len);
		goto out;
	}
	if (all) {
		if (replace_all(&v, row, val, since(rep, 0), rep->len,
		    &lx->out_left, res) == -1) {
			/* deviation: Go would go on until memory runs out */
			fail(lx, "substitution result too large");
			goto out;
		}
	} else {
		for (s = 0; s <= v.n && row[s] == NO_MATCH; s++)
			;
		if (s > v.n) {
			dw_buf_puts(res, val);
		} else {
			dw_buf_put(res, val, v.off[s]);
			dw_buf_put(res, since(rep, 0), rep->len);
			dw_buf_puts(res, val + v.off[row[s]]);
		}
	}
	rc = 0;
out:
	free(row);
	free(g.tok);
	runes_free(&v);
	return rc;
}

/* ---- $name and ${...} ----------------------------------------------------- */

static bool
is_special(int32_t c)
{
	return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' ||
	    c == '$' || c == '!' || c == '0';
}

/* A name is a run of digits (positional), one special character, or a run
 * of letters, digits and '_'; it may be empty. */
static void
read_name(struct lexer *lx, const char **name, size_t *len)
{
	int32_t c = peek(lx);

	*name = lx->p;
	if (is_digit(c)) {
		while (is_digit(peek(lx)))
			next(lx);
	} else if (is_special(c)) {
		next(lx);
	} else {
		while (is_name_rune(peek(lx)))
			next(lx);
	}
	*len = (size_t)(lx->p - *name);
}

/* A nested word up to `stop`.  Hitting the end of the input replaces
 * whatever went wrong inside with `eof_msg`, as upstream does. */
static int
sub_word(struct lexer *lx, int32_t stop, bool raw, dw_buf *out,
    const char *eof_msg)
{
	if (stop_on(lx, stop, raw, out, NULL) == 0)
		return 0;
	if (peek(lx) == SH_EOF)
		fail(lx, eof_msg);
	return -1;
}

static int
unsupported(struct lexer *lx, const char *chs, size_t n, bool eof)
{
	dw_buf *m = fail_msg(lx);

	dw_buf_puts(m, "unsupported modifier (");
	dw_buf_put(m, chs, n);
	if (eof)
		dw_buf_puts(m, "\xEF\xBF\xBD");	/* Go's string(EOF) */
	dw_buf_puts(m, ") in substitution");
	return -1;
}

static int
must_be_set(struct lexer *lx, const char *name, size_t nlen, const dw_buf *word,
    const char *dflt)
{
	dw_buf *m = fail_msg(lx);

	dw_buf_put(m, name, nlen);
	dw_buf_puts(m, ": ");
	if (word->len > 0)
		dw_buf_put(m, word->ptr, word->len);
	else
		dw_buf_puts(m, dflt);
	return -1;
}

/* With skip_unset, an unset reference is written back as it was read
 * (after the word inside it was processed). */
static void
rebuild(dw_buf *res, const char *name, size_t nlen, const char *mid, size_t mlen,
    const dw_buf *word)
{
	dw_buf_puts(res, "${");
	dw_buf_put(res, name, nlen);
	dw_buf_put(res, mid, mlen);
	dw_buf_put(res, since(word, 0), word->len);
	dw_buf_putc(res, '}');
}

static int
apply_modifier(struct lexer *lx, int32_t op, bool null_unset, const char *name,
    size_t nlen, const dw_buf *word, const char *val, bool set, dw_buf *res)
{
	bool empty = !set || (null_unset && *val == '\0');
	const char *w = since(word, 0);

	switch (op) {
	case '-':
		if (empty)
			dw_buf_put(res, w, word->len);
		else
			dw_buf_puts(res, val);
		return 0;
	case '+':
		if (!empty)
			dw_buf_put(res, w, word->len);
		return 0;
	case '?':
		if (!set)
			return must_be_set(lx, name, nlen, word,
			    "is not allowed to be unset");
		if (empty)
			return must_be_set(lx, name, nlen, word,
			    "is not allowed to be empty");
		dw_buf_puts(res, val);
		return 0;
	}
	/* '#' or '%'; a doubled operator asks for the longest match. */
	if (word->len > 0 && w[0] == op)
		return trim(lx, op, w + 1, word->len - 1, true, val, res);
	return trim(lx, op, w, word->len, false, val, res);
}

/*
 * ${name<op>word}.  chs is the operator as written (":-", "#", ...).  The
 * word is read before the operator is checked, so ${a:=b} fails only
 * after its word, and with skip_unset an unset ${a:=b} is kept as is.
 */
static int
modifier(struct lexer *lx, const char *name, size_t nlen, const char *chs,
    size_t clen, int32_t op, bool null_unset, dw_buf *res)
{
	dw_buf word = DW_BUF_INIT;
	const char *val;
	bool set;
	int rc = 0;

	if (sub_word(lx, '}', op == '#' || op == '%', &word,
	    "syntax error: missing '}'") == -1) {
		dw_buf_free(&word);
		return -1;
	}
	/* ${n-w} ${n:-w} ${n+w} ${n:+w} ${n?w} say what unset means: not
	 * an undefined variable for on_unset (BuildKit's UndefinedVar
	 * agrees). */
	lx->quiet_unset = op == '-' || op == '+' || op == '?';
	set = lookup(lx, name, nlen, &val);
	lx->quiet_unset = false;
	if (!set && lx->o->skip_unset)
		rebuild(res, name, nlen, chs, clen, &word);
	else if (op == '-' || op == '+' || op == '?' || op == '#' || op == '%')
		rc = apply_modifier(lx, op, null_unset, name, nlen, &word, val,
		    set, res);
	else
		rc = unsupported(lx, chs, clen, false);
	dw_buf_free(&word);
	return rc;
}

/* ${name/pattern/replacement} and ${name//pattern/replacement}. */
static int
replace(struct lexer *lx, const char *name, size_t nlen, dw_buf *res)
{
	dw_buf pat = DW_BUF_INIT, rep = DW_BUF_INIT;
	bool all = peek(lx) == '/', set;
	const char *val;
	int rc = -1;

	if (all)
		next(lx);
	/* Both parts keep their escapes: the pattern needs them, and the
	 * replacement keeps them too (upstream does). */
	if (sub_word(lx, '/', true, &pat, "syntax error: missing '/' in ${}") == -1 ||
	    sub_word(lx, '}', true, &rep, "syntax error: missing '}'") == -1)
		goto out;
	set = lookup(lx, name, nlen, &val);
	if (!set && lx->o->skip_unset) {
		/* Upstream writes a single '/' back even for "//". */
		dw_buf_put(&pat, "/", 1);
		dw_buf_put(&pat, since(&rep, 0), rep.len);
		rebuild(res, name, nlen, "/", 1, &pat);
		rc = 0;
	} else {
		rc = substitute(lx, all, &pat, &rep, val, res);
	}
out:
	dw_buf_free(&pat);
	dw_buf_free(&rep);
	return rc;
}

static int
braced(struct lexer *lx, dw_buf *res)
{
	const char *name, *chs, *val;
	size_t nlen;
	int32_t c;

	next(lx);	/* '{' */
	c = peek(lx);
	if (c == SH_EOF)
		return fail(lx, "syntax error: missing '}'");
	if (c == '{' || c == '}' || c == ':')
		return fail(lx, "syntax error: bad substitution");
	read_name(lx, &name, &nlen);
	chs = lx->p;
	c = next(lx);
	switch (c) {
	case '}':
		if (lookup(lx, name, nlen, &val))
			dw_buf_puts(res, val);
		else if (lx->o->skip_unset)
			rebuild(res, name, nlen, "", 0, &(dw_buf)DW_BUF_INIT);
		return 0;
	case '/':
		return replace(lx, name, nlen, res);
	case ':':
		/* Whatever follows is the operator, checked only later, except
		 * that ${n:#p} and ${n:%p} are refused at once. */
		c = next(lx);
		if (c == '#' || c == '%')
			return unsupported(lx, chs, (size_t)(lx->p - chs), false);
		return modifier(lx, name, nlen, chs, (size_t)(lx->p - chs), c,
		    true, res);
	case '+': case '-': case '?': case '#': case '%':
		return modifier(lx, name, nlen, chs, (size_t)(lx->p - chs), c,
		    false, res);
	}
	return unsupported(lx, chs, (size_t)(lx->p - chs), c == SH_EOF);
}

static int
dollar(struct lexer *lx, dw_buf *res)
{
	const char *name, *val;
	size_t nlen;

	next(lx);	/* '$' */
	if (peek(lx) == '{')
		return braced(lx, res);
	read_name(lx, &name, &nlen);
	if (nlen == 0) {
		dw_buf_putc(res, '$');	/* "$." and a final "$" are literal */
		return 0;
	}
	if (lookup(lx, name, nlen, &val)) {
		dw_buf_puts(res, val);
	} else if (lx->o->skip_unset) {
		dw_buf_putc(res, '$');
		dw_buf_put(res, name, nlen);
	}
	return 0;
}

/* ---- quotes --------------------------------------------------------------- */

/* Everything up to the next ' is literal; there is no escape. */
static int
single_quote(struct lexer *lx, dw_buf *res)
{
	const char *q;

	next(lx);
	if (lx->o->raw_quotes)
		dw_buf_putc(res, '\'');
	/* A quote byte never occurs inside a multi-byte rune. */
	q = memchr(lx->p, '\'', (size_t)(lx->end - lx->p));
	if (q == NULL) {
		lx->p = lx->end;
		return fail(lx, "unexpected end of statement while looking "
		    "for matching single-quote");
	}
	dw_buf_put(res, lx->p, (size_t)(q - lx->p));
	lx->p = q + 1;
	if (lx->o->raw_quotes)
		dw_buf_putc(res, '\'');
	return 0;
}

/*
 * Up to the next unescaped ", expanding $.  The escape token escapes only
 * ", $ and itself; before anything else it is kept.  With raw escapes such
 * a kept escape is written twice, as upstream does.
 */
static int
double_quote(struct lexer *lx, bool raw, dw_buf *res)
{
	const char *s;
	int32_t c;

	next(lx);
	if (lx->o->raw_quotes)
		dw_buf_putc(res, '"');
	for (;;) {
		c = peek(lx);
		s = lx->p;
		if (c == SH_EOF)
			return fail(lx, "unexpected end of statement while "
			    "looking for matching double-quote");
		if (c == '"') {
			next(lx);
			if (lx->o->raw_quotes)
				dw_buf_putc(res, '"');
			return 0;
		}
		if (c == '$') {
			if (dollar(lx, res) == -1)
				return -1;
			continue;
		}
		next(lx);
		if (c == lx->esc) {
			if (raw)
				dw_buf_put(res, s, (size_t)(lx->p - s));
			c = peek(lx);
			if (c == SH_EOF)
				continue;	/* dropped; the quote is missing */
			if (c == '"' || c == '$' || c == lx->esc) {
				s = lx->p;
				next(lx);
			}
		}
		dw_buf_put(res, s, (size_t)(lx->p - s));
	}
}

/* ---- the word loop -------------------------------------------------------- */

static bool
is_heredoc_blank(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/*
 * A '<', or "<<" with the blanks after it.  The text is unchanged; the
 * point is that it joins the word list unsplit, so that "<< EOF" stays one
 * word for heredoc detection.
 */
static void
angle(struct lexer *lx, dw_buf *res)
{
	const char *s = lx->p;

	next(lx);
	if (peek(lx) == '<') {
		next(lx);
		while (is_heredoc_blank(peek(lx)))
			next(lx);
	}
	dw_buf_put(res, s, (size_t)(lx->p - s));
}

/* One unquoted element: an expansion, a quoted string, an escape or a
 * plain character. */
static int
step(struct lexer *lx, int32_t c, bool raw, dw_buf *res, struct words *w)
{
	size_t before = res->len;
	const char *s = lx->p;
	int rc;

	if (c == '$') {
		if (dollar(lx, res) == -1)
			return -1;
		words_split(w, since(res, before), res->len - before);
		return 0;
	}
	if (c == '<' ||
	    (!lx->o->skip_quotes && (c == '\'' || c == '"'))) {
		rc = 0;
		if (c == '<')
			angle(lx, res);
		else if (c == '\'')
			rc = single_quote(lx, res);
		else
			rc = double_quote(lx, raw, res);
		if (rc == -1)
			return -1;
		words_raw(w, since(res, before), res->len - before);
		return 0;
	}
	next(lx);
	if (c != lx->esc) {
		dw_buf_put(res, s, (size_t)(lx->p - s));
		words_char(w, c, s, (size_t)(lx->p - s));
		return 0;
	}
	if (raw) {
		dw_buf_put(res, s, (size_t)(lx->p - s));
		words_raw(w, s, (size_t)(lx->p - s));
	}
	if (peek(lx) == SH_EOF)
		return 0;	/* an escape at the very end is dropped */
	s = lx->p;
	next(lx);
	dw_buf_put(res, s, (size_t)(lx->p - s));
	words_raw(w, s, (size_t)(lx->p - s));
	return 0;
}

/*
 * BuildKit's processStopOn: read up to `stop` (consumed) or, for SH_EOF,
 * to the end.  `raw` keeps escape characters; it is per call because
 * upstream switches it for the words of ${n#p}, ${n%p} and ${n/p/r}.
 */
static int
stop_on(struct lexer *lx, int32_t stop, bool raw, dw_buf *res, struct words *w)
{
	int32_t c;
	int rc = -1;

	if (lx->depth >= SH_MAX_DEPTH)
		return fail(lx, "syntax error: nesting too deep");
	/*
	 * Upstream keeps one word buffer for all nesting levels and empties it
	 * whenever a nested word starts, so the unfinished top-level word is
	 * lost: ProcessWords("ab${x:-y}c") is ["yc"].  We do the same.
	 */
	if (lx->depth > 0 && lx->words != NULL)
		dw_buf_clear(&lx->words->cur);
	lx->depth++;
	dw_buf_put(res, "", 0);	/* allocated, so never a null pointer */
	while ((c = peek(lx)) != SH_EOF) {
		if (stop != SH_EOF && c == stop) {
			next(lx);
			rc = 0;
			goto out;
		}
		if (step(lx, c, raw, res, w) == -1)
			goto out;
	}
	if (stop != SH_EOF) {
		dw_buf_printf(fail_msg(lx), "unexpected end of statement while "
		    "looking for matching %c", (char)stop);
		goto out;
	}
	rc = 0;
out:
	lx->depth--;
	return rc;
}

/* ---- the interface -------------------------------------------------------- */

static void
lexer_init(struct lexer *lx, const dw_shell_opts *o, const dw_env *env,
    const char *in, size_t len)
{
	static const dw_shell_opts defaults = { '\\', false, false, false,
	    false, NULL, NULL, NULL };

	if (in == NULL)
		in = "";
	lx->o = o != NULL ? o : &defaults;
	/* A zeroed dw_shell_opts means the default escape, not NUL. */
	lx->esc = lx->o->escape != '\0' ? (unsigned char)lx->o->escape : '\\';
	lx->env = env;
	lx->p = in;
	lx->end = in + len;
	lx->depth = 0;
	lx->budget = SH_MATCH_BUDGET;
	lx->out_left = SH_MAX_OUTPUT;
	lx->quiet_unset = false;
	lx->words = NULL;
	lx->msg = (dw_buf)DW_BUF_INIT;
	/* Go's text/scanner skips a byte order mark at the very start. */
	if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0)
		lx->p += 3;
}

/* Errors are appended to err without upstream's `failed to process "..."`
 * prefix: the caller knows the context better. */
static void
report(struct lexer *lx, dw_buf *err)
{
	if (err != NULL)
		dw_buf_put(err, lx->msg.ptr, lx->msg.len);
	dw_buf_free(&lx->msg);
}

int
dw_shell_expand(const dw_shell_opts *o, const dw_env *env, const char *in,
    size_t len, dw_buf *out, dw_buf *err)
{
	struct lexer lx;
	dw_buf res = DW_BUF_INIT;
	int rc;

	lexer_init(&lx, o, env, in, len);
	rc = stop_on(&lx, SH_EOF, lx.o->raw_escapes, &res, NULL);
	if (rc == 0)
		dw_buf_put(out, res.ptr, res.len);
	report(&lx, rc == 0 ? NULL : err);
	dw_buf_free(&res);
	return rc;
}

/* Append the strings of `from` to `to`, handing over ownership. */
static void
strv_move(dw_strv *to, dw_strv *from)
{
	if (from->n > to->cap - to->n) {
		if (from->n > SIZE_MAX / sizeof *to->v - to->n)
			dw_oom();
		to->cap = to->n + from->n;
		to->v = dw_realloc(to->v, to->cap * sizeof *to->v);
	}
	if (from->n > 0)
		memcpy(to->v + to->n, from->v, from->n * sizeof *from->v);
	to->n += from->n;
	from->n = 0;
}

int
dw_shell_words(const dw_shell_opts *o, const dw_env *env, const char *in,
    size_t len, dw_strv *out, dw_buf *err)
{
	struct lexer lx;
	struct words w = { DW_BUF_INIT, false, DW_STRV_INIT };
	dw_buf res = DW_BUF_INIT;
	int rc;

	lexer_init(&lx, o, env, in, len);
	lx.words = &w;
	rc = stop_on(&lx, SH_EOF, lx.o->raw_escapes, &res, &w);
	if (rc == 0) {
		words_flush(&w);
		strv_move(out, &w.list);
	}
	report(&lx, rc == 0 ? NULL : err);
	dw_buf_free(&w.cur);
	dw_strv_free(&w.list);
	dw_buf_free(&res);
	return rc;
}
