/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "gw-import.h"
#include "gw-text-repair.h"

typedef struct
{
  const char *damaged;
  const char *repaired;
  const char *code_page;
} RepairCase;

/* UTF-8 read as a single-byte code page and saved again as UTF-8: the
 * damaged forms are what the seeds and common editors produce. */
static const RepairCase repair_cases[] = {
  /* Windows-1252 (seeds 000, 003) */
  { "ðŸ”´ HIGH", "🔴 HIGH", "Windows-1252" },
  { "ðŸŸ¡ Medium and ðŸŸ¢ Low", "🟡 Medium and 🟢 Low", "Windows-1252" },
  { "Launch â€” now", "Launch — now", "Windows-1252" },
  { "â”œâ”€ 1.1: RLS", "├─ 1.1: RLS", "Windows-1252" },
  { "Coverage â‰¥85%", "Coverage ≥85%", "Windows-1252" },
  { "GDPR fines: â‚¬20M", "GDPR fines: €20M", "Windows-1252" },
  { "MVP Launch â†’ World-Class", "MVP Launch → World-Class", "Windows-1252" },
  { "âœ… FIXED", "✅ FIXED", "Windows-1252" },
  { "ðŸŽ¯ PHASE 1", "🎯 PHASE 1", "Windows-1252" },
  /* Windows-1254 (seed 002): "ğ" where Windows-1252 has "ð" */
  { "ğŸ”´ CRITICAL", "🔴 CRITICAL", "Windows-1254" },
  { "ğŸŸ¡ MEDIUM â”‚", "🟡 MEDIUM │", "Windows-1254" },
  { "ğŸš€ Ship", "🚀 Ship", "Windows-1254" },
  /* Windows-1250 and Windows-1251 */
  { "đź”´ HIGH", "🔴 HIGH", "Windows-1250" },
  { "рџ”ґ HIGH", "🔴 HIGH", "Windows-1251" },
  /* ISO-8859-1: the bytes 0x80..0x9F became C1 controls */
  { "\xc3\xb0\xc2\x9f\xc2\x94\xc2\xb4 HIGH", "🔴 HIGH", "ISO-8859-1" },
  /* Two-byte sequences, once the text shows longer ones in the same code page */
  { "â€” rÃ©sumÃ© â€”", "— résumé —", "Windows-1252" },
  /* Windows-1252 drops 0x8F: U+FE0F after an emoji and in a keycap */
  { "âš\xc2\xa0ï¸ Deploy", "⚠️ Deploy", "Windows-1252" },
  { "echo 1ï¸âƒ£ first", "echo 1️⃣ first", "Windows-1252" },
};

/* Correct UTF-8 that must come back byte for byte. */
static const char *const unchanged_cases[] = {
  "Ã©tat",
  "naïve café",
  "Grüße aus Köln, Øresund, señor",
  "Привет, мир; її моєї Київ",
  "zażółć gęślą jaźń",
  "Příliš žluťoučký kůň úpěl ďábelské ódy",
  "İstanbul ğüşiöç ÇĞİÖŞÜ",
  "Ελληνικά κείμενα",
  "日本語のテキスト",
  "🔴 HIGH — already fine ├─ ≥ → ✅",
  "Â°C and Ã— alone",
  "plain ASCII text",
  "",
};

static void
test_repair (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (repair_cases); i++)
    {
      const RepairCase *c = &repair_cases[i];
      GwTextRepairReport report;
      gsize length = 0;
      g_autofree char *out = gw_text_repair_mojibake (c->damaged, strlen (c->damaged), &length, &report);

      g_test_message ("“%s”", c->damaged);
      g_assert_cmpstr (out, ==, c->repaired);
      g_assert_cmpuint (length, ==, strlen (c->repaired));
      g_assert_cmpuint (report.repaired, >, 0);
      g_assert_cmpstr (report.code_page, ==, c->code_page);
    }
}

static void
test_unchanged (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (unchanged_cases); i++)
    {
      const char *text = unchanged_cases[i];
      GwTextRepairReport report;
      gsize length = 0;
      g_autofree char *out = gw_text_repair_mojibake (text, strlen (text), &length, &report);

      g_test_message ("“%s”", text);
      g_assert_cmpstr (out, ==, text);
      g_assert_cmpuint (length, ==, strlen (text));
      g_assert_cmpuint (report.repaired, ==, 0);
      g_assert_null (report.code_page);
    }
}

/* A character that lost a byte to the code page could have been several
 * characters: it stays as it is, and is counted. */
static void
test_lost_bytes (void)
{
  static const char damaged[] = "ðŸ—ï¸ PHASE 2 and âŒ failed and ðŸ”´ high";
  GwTextRepairReport report;
  g_autofree char *out = gw_text_repair_mojibake (damaged, strlen (damaged), NULL, &report);

  g_assert_cmpstr (out, ==, "ðŸ—ï¸ PHASE 2 and âŒ failed and 🔴 high");
  /* "ðŸ—" and "ï¸" of 🏗️ (not after a restored character), and "âŒ" of ❌ */
  g_assert_cmpuint (report.repaired, ==, 1);
  g_assert_cmpuint (report.left, ==, 3);
}

static void
test_invalid_utf8_untouched (void)
{
  static const char bytes[] = "caf\xe9 \xc3\xb0\xc5\xb8";
  g_autofree char *out = gw_text_repair_mojibake (bytes, strlen (bytes), NULL, NULL);

  g_assert_cmpmem (out, strlen (out), bytes, strlen (bytes));
}

/* The damaged seeds come back with their emoji and box drawing. */
static void
test_seeds (void)
{
  static const struct { const char *prefix; const char *code_page; guint red; } seeds[] = {
    { "000_", "Windows-1252", 13 },
    { "002_", "Windows-1254", 28 },
    { "003_", "Windows-1252", 6 },
  };
  const char *dir = g_getenv ("GAPWISE_SEEDS");

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autofree char *out = NULL;
      gsize length;
      GwTextRepairReport report;
      guint red = 0;

      while ((name = g_dir_read_name (d)) != NULL)
        if (g_str_has_prefix (name, seeds[i].prefix))
          path = g_build_filename (dir, name, NULL);
      g_assert_nonnull (path);
      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      out = gw_text_repair_mojibake (text, length, NULL, &report);

      g_test_message ("%s: %u repaired, %u left", path, report.repaired, report.left);
      g_assert_cmpstr (report.code_page, ==, seeds[i].code_page);
      for (const char *p = strstr (out, "🔴"); p != NULL; p = strstr (p + 1, "🔴"))
        red++;
      g_assert_cmpuint (red, ==, seeds[i].red);
      g_assert_null (strstr (out, "ðŸ”´"));
      g_assert_null (strstr (out, "ğŸ”´"));
      g_assert_null (strstr (out, "â”œâ”€"));
      g_assert_true (g_utf8_validate (out, -1, NULL));
    }
}

static void
test_decode (void)
{
  g_autoptr(GError) error = NULL;
  GwTextEncoding encoding;
  gsize length;
  g_autofree char *bom = NULL;
  g_autofree char *latin1 = NULL;
  g_autofree char *utf16le = NULL;
  g_autofree char *utf16be = NULL;
  char *nul;

  bom = gw_text_decode ("a.md", "\xef\xbb\xbf# Title\n", 11, &length, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bom, ==, "# Title\n");
  g_assert_cmpuint (length, ==, 8);
  g_assert_cmpint (encoding, ==, GW_TEXT_ENCODING_UTF8);

  /* Latin-1 bytes among valid UTF-8 */
  latin1 = gw_text_decode ("a.md", "caf\xe9 \x96 na\xc3\xafve \x80", 15, &length, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (latin1, ==, "café – naïve €");
  g_assert_cmpint (encoding, ==, GW_TEXT_ENCODING_WINDOWS_1252);

  utf16le = gw_text_decode ("a.md", "\xff\xfe" "A\0\xe9\0", 6, &length, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (utf16le, ==, "Aé");
  g_assert_cmpint (encoding, ==, GW_TEXT_ENCODING_UTF16);
  utf16be = gw_text_decode ("a.md", "\xfe\xff\0A\0\xe9", 6, NULL, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (utf16be, ==, "Aé");

  nul = gw_text_decode ("dir/b.md", "abc\0def", 7, NULL, NULL, &error);
  g_assert_null (nul);
  g_assert_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_UNREADABLE);
  g_assert_cmpstr (error->message, ==, "b.md: this is not a text file (it contains NUL bytes).");
}

static void
test_risk_colours (void)
{
  static const struct { const char *text; gboolean found; GwRisk risk; } cases[] = {
    { "🔴 HIGH", TRUE, GW_RISK_HIGH },
    { "risk: 🟡", TRUE, GW_RISK_MEDIUM },
    { "🟢", TRUE, GW_RISK_LOW },
    { "🟠 elevated", TRUE, GW_RISK_HIGH },
    { "✅ done", FALSE, GW_RISK_NONE },
    { "HIGH", FALSE, GW_RISK_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GwRisk risk = GW_RISK_NONE;

      g_assert_cmpint (gw_text_risk_from_colour (cases[i].text, &risk), ==, cases[i].found);
      g_assert_cmpint (risk, ==, cases[i].risk);
    }
}

static void
test_residue (void)
{
  g_assert_cmpstr (gw_text_skip_residue ("ðŸ—ï¸ PHASE 2"), ==, "PHASE 2");
  g_assert_cmpstr (gw_text_skip_residue ("Él Niño"), ==, "Él Niño");
  g_assert_cmpstr (gw_text_skip_residue ("Über alles"), ==, "Über alles");
  g_assert_cmpstr (gw_text_skip_residue ("日本 plan"), ==, "日本 plan");
  g_assert_cmpstr (gw_text_skip_residue ("PHASE 2"), ==, "PHASE 2");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-repair/repair", test_repair);
  g_test_add_func ("/text-repair/unchanged", test_unchanged);
  g_test_add_func ("/text-repair/lost-bytes", test_lost_bytes);
  g_test_add_func ("/text-repair/invalid-utf8-untouched", test_invalid_utf8_untouched);
  g_test_add_func ("/text-repair/seeds", test_seeds);
  g_test_add_func ("/text-repair/decode", test_decode);
  g_test_add_func ("/text-repair/risk-colours", test_risk_colours);
  g_test_add_func ("/text-repair/residue", test_residue);

  return g_test_run ();
}
