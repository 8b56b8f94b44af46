package media.archive.api.search;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.Query;

/**
 * The date filters' values ({@code taken:}, {@code uploaded:}): {@code 2025}, {@code 2025-10},
 * {@code 2025-10-25}, with {@code >}, {@code >=}, {@code <}, {@code <=}, or a range {@code a..b},
 * as a range of UTC epoch milliseconds on a point field. Stateless.
 */
final class DateRanges {
    /** A value that is no date or an empty range; the message says why, the parser adds where. */
    static final class InvalidDateException extends RuntimeException {
        InvalidDateException(String message) {
            super(message, null, false, false);
        }
    }

    private DateRanges() {
    }

    /** The query for date filter value {@code value} on point field {@code field}. */
    static Query query(String field, String value) {
        long low;
        long high;
        int range = value.indexOf("..");
        if (range >= 0) {
            String from = value.substring(0, range);
            String to = value.substring(range + 2);
            if (from.isEmpty() && to.isEmpty()) {
                throw new InvalidDateException("a date range needs a start or an end, as in 2025-10-01..2025-10-31");
            }
            low = from.isEmpty() ? Long.MIN_VALUE : period(from)[0];
            high = to.isEmpty() ? Long.MAX_VALUE : period(to)[1] - 1;
        } else if (value.startsWith(">=")) {
            low = period(value.substring(2))[0];
            high = Long.MAX_VALUE;
        } else if (value.startsWith(">")) {
            low = period(value.substring(1))[1];
            high = Long.MAX_VALUE;
        } else if (value.startsWith("<=")) {
            low = Long.MIN_VALUE;
            high = period(value.substring(2))[1] - 1;
        } else if (value.startsWith("<")) {
            low = Long.MIN_VALUE;
            high = period(value.substring(1))[0] - 1;
        } else {
            long[] period = period(value);
            low = period[0];
            high = period[1] - 1;
        }
        if (low > high) {
            throw new InvalidDateException("this date range is empty: its end is before its start");
        }
        return LongPoint.newRangeQuery(field, low, high);
    }

    /** The start (inclusive) and end (exclusive) of a year, month or day, in UTC epoch milliseconds. */
    private static long[] period(String date) {
        try {
            LocalDate start;
            LocalDate end;
            if (date.matches("\\d{4}")) {
                start = LocalDate.of(Integer.parseInt(date), 1, 1);
                end = start.plusYears(1);
            } else if (date.matches("\\d{4}-\\d{2}")) {
                YearMonth month = YearMonth.parse(date);
                start = month.atDay(1);
                end = start.plusMonths(1);
            } else if (date.matches("\\d{4}-\\d{2}-\\d{2}")) {
                start = LocalDate.parse(date);
                end = start.plusDays(1);
            } else {
                throw notADate(date);
            }
            return new long[] {millis(start), millis(end)};
        } catch (DateTimeParseException e) {
            throw notADate(date);
        }
    }

    private static InvalidDateException notADate(String date) {
        return new InvalidDateException("'" + abbreviate(date) + "' is not a date: write 2025, 2025-10 or 2025-10-25");
    }

    private static long millis(LocalDate date) {
        return date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
