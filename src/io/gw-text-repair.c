/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gw-import.h"
#include "gw-text-repair.h"

/* Mojibake: UTF-8 text that a program read as a single-byte code page and
 * saved again as UTF-8, so that "🔴" (F0 9F 94 B4) became "ðŸ”´" under
 * Windows-1252 or "ğŸ”´" under Windows-1254. Bytes the code page does not
 * define were dropped on the way, so some characters cannot come back.
 *
 * A character is restored only when the code page turns a run of characters
 * back into exactly one valid, assigned UTF-8 character. Sequences of three
 * or four bytes (symbols, punctuation, box drawing, emoji) are restored
 * wherever they occur: ordinary text practically never contains them. Two-byte
 * sequences ("Ã©" for "é") are also ordinary Latin text, so they are restored
 * only in a text that shows longer mojibake under the same code page. */

typedef struct
{
  const char    *name;
  const guint16 *table;   /* bytes 0x80..0xFF; NULL for ISO-8859-1 */
} CodePage;

typedef struct
{
  guint16 c;
  guint8  byte;
} Reverse;

static const guint16 windows_1252[128] = {
  0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000,
  0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178,
  0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
  0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
  0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
  0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
  0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
  0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
  0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,
  0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
  0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
  0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
  0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
  0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
};

static const guint16 windows_1250[128] = {
  0x20AC, 0x0000, 0x201A, 0x0000, 0x201E, 0x2026, 0x2020, 0x2021,
  0x0000, 0x2030, 0x0160, 0x2039, 0x015A, 0x0164, 0x017D, 0x0179,
  0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x0000, 0x2122, 0x0161, 0x203A, 0x015B, 0x0165, 0x017E, 0x017A,
  0x00A0, 0x02C7, 0x02D8, 0x0141, 0x00A4, 0x0104, 0x00A6, 0x00A7,
  0x00A8, 0x00A9, 0x015E, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x017B,
  0x00B0, 0x00B1, 0x02DB, 0x0142, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
  0x00B8, 0x0105, 0x015F, 0x00BB, 0x013D, 0x02DD, 0x013E, 0x017C,
  0x0154, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0139, 0x0106, 0x00C7,
  0x010C, 0x00C9, 0x0118, 0x00CB, 0x011A, 0x00CD, 0x00CE, 0x010E,
  0x0110, 0x0143, 0x0147, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x00D7,
  0x0158, 0x016E, 0x00DA, 0x0170, 0x00DC, 0x00DD, 0x0162, 0x00DF,
  0x0155, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x013A, 0x0107, 0x00E7,
  0x010D, 0x00E9, 0x0119, 0x00EB, 0x011B, 0x00ED, 0x00EE, 0x010F,
  0x0111, 0x0144, 0x0148, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x00F7,
  0x0159, 0x016F, 0x00FA, 0x0171, 0x00FC, 0x00FD, 0x0163, 0x02D9,
};

static const guint16 windows_1251[128] = {
  0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
  0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
  0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
  0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
  0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
  0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
  0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
  0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
  0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
  0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
  0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
  0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
  0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
  0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
  0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
};

static const guint16 windows_1254[128] = {
  0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x0000, 0x0000,
  0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x0000, 0x0178,
  0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
  0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
  0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
  0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
  0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
  0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
  0x011E, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,
  0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x0130, 0x015E, 0x00DF,
  0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
  0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
  0x011F, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
  0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x0131, 0x015F, 0x00FF,
};


/* In order of preference when two code pages read a sequence differently. */
static const CodePage code_pages[] = {
  { "Windows-1252", windows_1252 },
  { "Windows-1254", windows_1254 },
  { "Windows-1250", windows_1250 },
  { "Windows-1251", windows_1251 },
  { "ISO-8859-1", NULL },
};

#define N_CODE_PAGES G_N_ELEMENTS (code_pages)

static Reverse reverse[N_CODE_PAGES][128];
static guint n_reverse[N_CODE_PAGES];

/* Helpers */

static int
compare_reverse (const void *a,
                 const void *b)
{
  const Reverse *ra = a;
  const Reverse *rb = b;

  return (int) ra->c - (int) rb->c;
}

static void
init_reverse (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;

  for (guint cp = 0; cp < N_CODE_PAGES; cp++)
    {
      if (code_pages[cp].table == NULL)
        continue;
      for (guint b = 0; b < 128; b++)
        if (code_pages[cp].table[b] != 0)
          {
            reverse[cp][n_reverse[cp]].c = code_pages[cp].table[b];
            reverse[cp][n_reverse[cp]].byte = (guint8) (0x80 + b);
            n_reverse[cp]++;
          }
      qsort (reverse[cp], n_reverse[cp], sizeof (Reverse), compare_reverse);
    }

  g_once_init_leave (&done, 1);
}

/* The byte that code page @cp shows as @c, or -1. */
static int
code_page_byte (guint    cp,
                gunichar c)
{
  Reverse key;
  const Reverse *found;

  if (c < 0x80)
    return -1;
  if (code_pages[cp].table == NULL)
    return c <= 0xFF ? (int) c : -1;
  if (c > 0xFFFF)
    return -1;

  key.c = (guint16) c;
  found = bsearch (&key, reverse[cp], n_reverse[cp], sizeof (Reverse), compare_reverse);
  return found ? found->byte : -1;
}

static gboolean
code_page_defines (guint  cp,
                   guint8 byte)
{
  return code_pages[cp].table == NULL || code_pages[cp].table[byte - 0x80] != 0;
}

/* A character that can be the result of a repair: assigned, not a control,
 * not private, not a noncharacter. */
static gboolean
acceptable (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
      return FALSE;
    default:
      break;
    }
  if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF))
    return FALSE;
  return TRUE;
}

/* Reads the bytes that code page @cp shows as @chars as one UTF-8 sequence.
 * Returns its length (2..4) with the character in @out; 0 when no sequence
 * starts here; -1 when one starts but breaks off (a byte was lost). */
static int
match_sequence (guint           cp,
                const gunichar *chars,
                guint           n,
                gunichar       *out)
{
  static const gunichar min_for_length[] = { 0, 0, 0x80, 0x800, 0x10000 };
  int b0 = code_page_byte (cp, chars[0]);
  guint need;
  guchar buf[4];
  gunichar c;

  if (b0 < 0xC2 || b0 > 0xF4)
    return 0;

  need = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
  buf[0] = (guchar) b0;
  for (guint k = 1; k < need; k++)
    {
      int b = k < n ? code_page_byte (cp, chars[k]) : -1;

      if (b < 0x80 || b > 0xBF)
        return k > 1 ? -1 : 0;
      buf[k] = (guchar) b;
    }

  c = g_utf8_get_char_validated ((const char *) buf, need);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return -1;
  if (c < min_for_length[need] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || !acceptable (c))
    return -1;

  *out = c;
  return (int) need;
}

/* "ï¸" before a character that breaks the sequence: EF B8 8F (U+FE0F, the
 * emoji presentation selector) whose last byte the code page dropped. */
static gboolean
match_lost_selector (guint           cp,
                     const gunichar *chars,
                     guint           n)
{
  if (n < 2 || code_page_defines (cp, 0x8F))
    return FALSE;
  if (code_page_byte (cp, chars[0]) != 0xEF || code_page_byte (cp, chars[1]) != 0xB8)
    return FALSE;
  if (n > 2)
    {
      int b = code_page_byte (cp, chars[2]);

      if (b >= 0x80 && b <= 0xBF)
        return FALSE;
    }
  return TRUE;
}

/* Splits @text into runs of non-ASCII characters and calls @func on each. */
typedef void (*RunFunc) (const char *start, const gunichar *chars, guint n, gpointer user_data);

static void
for_each_run (const char *text,
              gsize       length,
              GArray     *chars,
              RunFunc     func,
              gpointer    user_data)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      const char *start;

      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      start = p;
      g_array_set_size (chars, 0);
      while (p < end && (guchar) *p >= 0x80)
        {
          gunichar c = g_utf8_get_char (p);

          g_array_append_val (chars, c);
          p = g_utf8_next_char (p);
        }
      func (start, (const gunichar *) (gpointer) chars->data, chars->len, user_data);
    }
}

typedef struct
{
  guint strong[N_CODE_PAGES];  /* three- and four-byte sequences each code page reads */
  guint order[N_CODE_PAGES];   /* code pages by preference for this text */
  guint repairs[N_CODE_PAGES];
  GString *out;
  guint repaired;
  guint left;
} Repair;

static void
count_run (const char     *start,
           const gunichar *chars,
           guint           n,
           gpointer        user_data)
{
  Repair *r = user_data;

  for (guint cp = 0; cp < N_CODE_PAGES; cp++)
    for (guint i = 0; i < n;)
      {
        gunichar c;
        int len = match_sequence (cp, chars + i, n - i, &c);

        if (len >= 3)
          {
            r->strong[cp]++;
            i += len;
          }
        else
          i++;
      }
}

static gboolean
is_keycap_base (char c)
{
  return g_ascii_isdigit (c) || c == '#' || c == '*';
}

static void
repair_run (const char     *start,
            const gunichar *chars,
            guint           n,
            gpointer        user_data)
{
  Repair *r = user_data;
  gboolean after_repair = FALSE;
  gboolean after_keycap;

  /* The character before the run, for "1ï¸âƒ£" (keycap one). */
  after_keycap = r->out->len > 0 && is_keycap_base (r->out->str[r->out->len - 1]);

  for (guint i = 0; i < n;)
    {
      gboolean done = FALSE;
      gboolean broken = FALSE;

      for (guint k = 0; k < N_CODE_PAGES && !done; k++)
        {
          guint cp = r->order[k];
          gunichar c;
          int len;

          if (r->strong[cp] == 0)
            break;
          len = match_sequence (cp, chars + i, n - i, &c);
          if (len >= 2)
            {
              g_string_append_unichar (r->out, c);
              r->repairs[cp]++;
              r->repaired++;
              i += len;
              done = TRUE;
              after_repair = TRUE;
            }
          else if ((after_repair || after_keycap) && match_lost_selector (cp, chars + i, n - i))
            {
              g_string_append_unichar (r->out, 0xFE0F);
              r->repairs[cp]++;
              r->repaired++;
              i += 2;
              done = TRUE;
              after_repair = TRUE;
            }
          else if (len < 0)
            broken = TRUE;
        }

      if (!done)
        {
          if (broken)
            r->left++;
          g_string_append_unichar (r->out, chars[i]);
          i++;
          after_repair = FALSE;
        }
      after_keycap = FALSE;
    }
}

static void
append_ascii_until_run (GString    *out,
                        const char **p,
                        const char  *end)
{
  const char *q = *p;

  while (q < end && (guchar) *q < 0x80)
    q++;
  g_string_append_len (out, *p, q - *p);
  *p = q;
}

/* The bytes of @text as they are, NUL bytes included, NUL-terminated. */
static char *
copy_text (const char *text,
           gsize       length,
           gsize      *out_length)
{
  char *copy = g_malloc (length + 1);

  if (length > 0)
    memcpy (copy, text, length);
  copy[length] = '\0';
  if (out_length != NULL)
    *out_length = length;
  return copy;
}

/* Public API */

/**
 * gw_text_repair_mojibake:
 * @text: UTF-8 text
 * @length: its length in bytes
 * @out_length: (out) (optional): the length of the result
 * @report: (out) (optional): what was repaired
 *
 * Restores characters that were damaged by reading UTF-8 as a single-byte
 * code page (Windows-1252, -1254, -1250, -1251 or ISO-8859-1) and saving the
 * result as UTF-8 again. Text that is not valid UTF-8 is returned unchanged.
 *
 * Returns: (transfer full): the repaired text, NUL-terminated
 */
char *
gw_text_repair_mojibake (const char         *text,
                         gsize               length,
                         gsize              *out_length,
                         GwTextRepairReport *report)
{
  g_autoptr(GArray) chars = NULL;
  Repair r;
  const char *p, *end;
  gboolean any = FALSE;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  memset (&r, 0, sizeof r);
  if (report != NULL)
    memset (report, 0, sizeof *report);

  if (length == 0 || !g_utf8_validate_len (text, length, NULL))
    return copy_text (text, length, out_length);

  init_reverse ();
  chars = g_array_new (FALSE, FALSE, sizeof (gunichar));

  for_each_run (text, length, chars, count_run, &r);
  for (guint cp = 0; cp < N_CODE_PAGES; cp++)
    {
      r.order[cp] = cp;
      any |= r.strong[cp] > 0;
    }

  if (!any)
    return copy_text (text, length, out_length);

  /* Most evidence first; stable, so ties keep the list's preference. */
  for (guint i = 1; i < N_CODE_PAGES; i++)
    for (guint j = i; j > 0 && r.strong[r.order[j]] > r.strong[r.order[j - 1]]; j--)
      {
        guint t = r.order[j];

        r.order[j] = r.order[j - 1];
        r.order[j - 1] = t;
      }

  r.out = g_string_sized_new (length);
  p = text;
  end = text + length;
  while (p < end)
    {
      const char *start;

      append_ascii_until_run (r.out, &p, end);
      if (p >= end)
        break;
      start = p;
      g_array_set_size (chars, 0);
      while (p < end && (guchar) *p >= 0x80)
        {
          gunichar c = g_utf8_get_char (p);

          g_array_append_val (chars, c);
          p = g_utf8_next_char (p);
        }
      repair_run (start, (const gunichar *) (gpointer) chars->data, chars->len, &r);
    }

  if (report != NULL)
    {
      guint best = 0;

      report->repaired = r.repaired;
      report->left = r.left;
      for (guint cp = 1; cp < N_CODE_PAGES; cp++)
        if (r.repairs[cp] > r.repairs[best])
          best = cp;
      report->code_page = r.repairs[best] > 0 ? code_pages[best].name : NULL;
    }
  if (out_length != NULL)
    *out_length = r.out->len;
  return g_string_free (r.out, FALSE);
}

/**
 * gw_text_decode:
 * @source: the file's name, for messages
 * @data: the file's bytes
 * @length: their number
 * @out_length: (out) (optional): the length of the result
 * @encoding: (out) (optional): how the bytes were read
 *
 * Turns a file's bytes into UTF-8 text: drops a UTF-8 byte-order mark,
 * converts UTF-16 that starts with a byte-order mark, and reads bytes that
 * are not UTF-8 (a Latin-1 or Windows-1252 file) as Windows-1252, keeping
 * the parts that are valid UTF-8. Fails on other binary data.
 *
 * Returns: (transfer full): NUL-terminated UTF-8 text, or %NULL with @error set
 */
char *
gw_text_decode (const char      *source,
                const char      *data,
                gsize            length,
                gsize           *out_length,
                GwTextEncoding  *encoding,
                GError         **error)
{
  g_autofree char *display = g_filename_display_basename (source ? source : "");
  const guchar *bytes = (const guchar *) data;
  GString *out;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (encoding != NULL)
    *encoding = GW_TEXT_ENCODING_UTF8;

  if (length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
    {
      gsize written = 0;
      char *utf8 = g_convert (data + 2, length - 2, "UTF-8",
                              bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE",
                              NULL, &written, NULL);

      if (utf8 == NULL || memchr (utf8, '\0', written) != NULL)
        {
          g_free (utf8);
          g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_UNREADABLE,
                       _("%s: the file starts like UTF-16 text but is not valid UTF-16."), display);
          return NULL;
        }
      if (encoding != NULL)
        *encoding = GW_TEXT_ENCODING_UTF16;
      if (out_length != NULL)
        *out_length = written;
      return utf8;
    }

  if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    {
      data += 3;
      bytes += 3;
      length -= 3;
    }

  if (length > 0 && memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, GW_IMPORT_ERROR, GW_IMPORT_ERROR_UNREADABLE,
                   _("%s: this is not a text file (it contains NUL bytes)."), display);
      return NULL;
    }

  if (g_utf8_validate_len (data, length, NULL))
    {
      if (out_length != NULL)
        *out_length = length;
      return g_strndup (data ? data : "", length);
    }

  /* Keep what is valid UTF-8; read every other byte as Windows-1252. */
  out = g_string_sized_new (length + length / 4);
  for (gsize i = 0; i < length;)
    {
      const char *valid_end = NULL;

      if (g_utf8_validate_len (data + i, length - i, &valid_end))
        {
          g_string_append_len (out, data + i, length - i);
          break;
        }
      g_string_append_len (out, data + i, valid_end - (data + i));
      i = valid_end - data;
      {
        guint16 c = bytes[i] >= 0x80 ? windows_1252[bytes[i] - 0x80] : 0;

        g_string_append_unichar (out, c != 0 ? c : 0xFFFD);
        i++;
      }
    }
  if (encoding != NULL)
    *encoding = GW_TEXT_ENCODING_WINDOWS_1252;
  if (out_length != NULL)
    *out_length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * gw_text_risk_from_colour:
 * @text: text that may hold a coloured circle
 * @risk: (out): the risk level of the first one
 *
 * Reads the traffic-light circles of risk columns: 🔴 and 🟠 high,
 * 🟡 medium, 🟢 low.
 *
 * Returns: whether @text holds one
 */
gboolean
gw_text_risk_from_colour (const char *text,
                          GwRisk     *risk)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c;

      if ((guchar) *p < 0xF0)
        continue;
      c = g_utf8_get_char (p);
      if (c == 0x1F534 || c == 0x1F7E0)
        *risk = GW_RISK_HIGH;
      else if (c == 0x1F7E1)
        *risk = GW_RISK_MEDIUM;
      else if (c == 0x1F7E2)
        *risk = GW_RISK_LOW;
      else
        continue;
      return TRUE;
    }
  return FALSE;
}

/**
 * gw_text_is_decoration:
 *
 * Returns: whether @c is an emoji, a pictograph, a box-drawing character or
 *   one of the joiners and selectors that go with them: what documents put
 *   around headings and in status cells for show.
 */
gboolean
gw_text_is_decoration (gunichar c)
{
  if (c == 0xFE0F || c == 0xFE0E || c == 0x200D || c == 0x20E3)
    return TRUE;
  if (c >= 0x1F3FB && c <= 0x1F3FF)   /* skin tones */
    return TRUE;
  return g_unichar_type (c) == G_UNICODE_OTHER_SYMBOL;
}

/**
 * gw_text_skip_residue:
 * @text: UTF-8 text
 *
 * Skips what is left of an emoji whose bytes the wrong code page partly
 * dropped ("ðŸ—ï¸ PHASE 2" for "🏗️ PHASE 2"): a leading run of two or more
 * characters that a single-byte code page shows for bytes 0x80..0xFF,
 * followed by a space. Ordinary words never have that shape.
 *
 * Returns: (transfer none): where the text proper starts
 */
const char *
gw_text_skip_residue (const char *text)
{
  const char *p = text;
  guint n = 0;

  g_return_val_if_fail (text != NULL, text);

  init_reverse ();
  while (*p && (guchar) *p >= 0x80)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      gboolean mapped = FALSE;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        return text;
      for (guint cp = 0; cp < N_CODE_PAGES && !mapped; cp++)
        mapped = code_page_byte (cp, c) >= 0;
      if (!mapped)
        return text;
      n++;
      p = g_utf8_next_char (p);
    }
  if (n < 2 || *p != ' ')
    return text;
  while (*p == ' ')
    p++;
  return p;
}
