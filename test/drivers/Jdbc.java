/*
 * test/drivers/Jdbc.java: the extension through pgjdbc, the JDBC driver of
 * Java applications and BI tools (Debian 12's libpostgresql-jdbc-java,
 * 42.5): a BI tool's reads of every view of ticket_sla and an
 * application's insert of a ticket with bound parameters, checked against
 * the values of test/drivers/expected.properties, worked out by hand.
 *
 * Why: the extension's types (calendar, contract, the enums) and its
 * business-time intervals reach applications through drivers, not psql;
 * a driver that cannot convert a column fails a dashboard.  pgjdbc reads
 * results as text or, with binaryTransfer and a statement prepared on the
 * server, as binary (timestamptz, numeric, bigint ...): both are run.
 *
 * Usage (test/check.sh runs it, with the JDK's single-file launcher):
 *   java -cp /usr/share/java/postgresql.jar test/drivers/Jdbc.java text|binary EXPECTED
 * Connection from the environment: DRIVERS_HOST, DRIVERS_PORT,
 * DRIVERS_DATABASE, DRIVERS_PASSWORD, and the roles DRIVERS_READER (a BI
 * tool: ticket_sla_reporting) and DRIVERS_AGENT (an application:
 * ticket_sla_agent).  Prints one summary line; exits 1 with a line per
 * failed check, or with the exception, otherwise.
 */
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;

import org.postgresql.PGResultSetMetaData;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

public class Jdbc {
	static final List<String> failures = new ArrayList<>();
	static Map<String, String> expected;
	static Path expectedFile;
	static boolean binary;

	public static void main(String[] args) throws Exception {
		binary = args[0].equals("binary");
		expectedFile = Path.of(args[1]);
		expected = readExpected(expectedFile);
		String summary;
		try (Connection reader = connect("DRIVERS_READER");
			 Connection agent = connect("DRIVERS_AGENT")) {
			summary = readEveryView(reader);
			checkOwnTypes(reader);
			checkStatusAndBreach(reader);
			checkInsert(agent);
		}
		if (!failures.isEmpty()) {
			for (String failure : failures)
				System.err.println("jdbc " + args[0] + ": FAIL " + failure);
			System.exit(1);
		}
		System.out.println("jdbc " + args[0] + ": " + summary);
	}

	/* "key = value" lines, "#" comments (the same reading in every client) */
	static Map<String, String> readExpected(Path file) throws Exception {
		Map<String, String> values = new HashMap<>();
		for (String line : Files.readAllLines(file)) {
			line = line.trim();
			if (line.isEmpty() || line.startsWith("#"))
				continue;
			int eq = line.indexOf('=');
			values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
		}
		return values;
	}

	static String want(String key) {
		String value = expected.get(key);
		if (value == null)
			throw new IllegalStateException("no " + key + " in expected.properties");
		return value;
	}

	static void check(String what, Object got, Object wanted) {
		if (!Objects.equals(got, wanted))
			failures.add(what + ": got " + got + ", expected " + wanted);
	}

	static String env(String name) {
		String value = System.getenv(name);
		if (value == null)
			throw new IllegalStateException(name + " is not set");
		return value;
	}

	/*
	 * A session of ROLE_VARIABLE's role over TCP with its password; binary
	 * mode: binaryTransfer, and every statement prepared on the server from
	 * its first execution (prepareThreshold -1), so that results of the
	 * types pgjdbc decodes in binary come in binary; text mode: none.  Its
	 * TimeZone set (pgjdbc starts it in the JVM's zone).
	 */
	static Connection connect(String roleVariable) throws SQLException {
		Properties props = new Properties();
		props.setProperty("user", env(roleVariable));
		props.setProperty("password", env("DRIVERS_PASSWORD"));
		props.setProperty("binaryTransfer", String.valueOf(binary));
		if (binary)
			props.setProperty("prepareThreshold", "-1");
		Connection c = DriverManager.getConnection("jdbc:postgresql://" + env("DRIVERS_HOST") + ":"
			+ env("DRIVERS_PORT") + "/" + env("DRIVERS_DATABASE"), props);
		try (PreparedStatement s = c.prepareStatement("SELECT set_config('TimeZone', ?, false)")) {
			s.setString(1, want("timezone"));
			s.executeQuery().close();
		}
		try (ResultSet rs = c.prepareStatement("SHOW TimeZone").executeQuery()) {
			rs.next();
			check(env(roleVariable) + "'s TimeZone", rs.getString(1), want("timezone"));
		}
		return c;
	}

	/*
	 * Every view of the schema ticket_sla, as the catalog lists them
	 * (every_view.sql, beside EXPECTED): every column of every row through
	 * getObject and getString, the number of columns the driver sees, its
	 * non-null values per column against the server's count(column), and
	 * the rows against expected.properties.  In binary mode at least one
	 * column must come in binary, in text mode none.
	 */
	static String readEveryView(Connection c) throws Exception {
		String catalog = Files.readString(expectedFile.resolveSibling("every_view.sql"));
		TreeSet<String> views = new TreeSet<>();
		int rows = 0, values = 0, binaryColumns = 0;
		try (ResultSet list = c.prepareStatement(catalog).executeQuery()) {
			while (list.next()) {
				String view = list.getString(1);
				views.add(view);
				long[] counts = serverCounts(c, list.getString(4));
				long[] seen = new long[counts.length];
				try (ResultSet rs = c.prepareStatement(list.getString(3)).executeQuery()) {
					ResultSetMetaData md = rs.getMetaData();
					check(view + ": columns", md.getColumnCount(), list.getInt(2));
					for (int i = 1; i <= md.getColumnCount(); i++)
						binaryColumns += md.unwrap(PGResultSetMetaData.class).getFormat(i);
					while (rs.next()) {
						seen[0]++;
						for (int i = 1; i <= md.getColumnCount(); i++)
							seen[i] += convert(view, md, rs, i);
					}
				}
				for (int i = 0; i < counts.length; i++)
					check(view + ": " + (i == 0 ? "rows" : "non-null values of column " + i)
						  + " (the driver's against the server's count)", seen[i], counts[i]);
				String rowsKey = "rows." + view;
				if (!expected.containsKey(rowsKey))
					failures.add("view " + view + " has no " + rowsKey + " in expected.properties: work its rows out by hand");
				else
					check(view + ": rows", seen[0], Long.parseLong(want(rowsKey)));
				rows += seen[0];
				for (int i = 1; i < seen.length; i++)
					values += seen[i];
			}
		}
		for (String key : expected.keySet())
			if (key.startsWith("rows.") && !views.contains(key.substring(5)))
				failures.add("no view " + key.substring(5) + " in the catalog");
		check("columns transferred in binary", binaryColumns > 0, binary);
		return views.size() + " views, " + rows + " rows, " + values + " values, " + binaryColumns
			+ " columns in binary";
	}

	static long[] serverCounts(Connection c, String sql) throws SQLException {
		try (ResultSet rs = c.prepareStatement(sql).executeQuery()) {
			rs.next();
			long[] counts = new long[rs.getMetaData().getColumnCount()];
			for (int i = 0; i < counts.length; i++)
				counts[i] = rs.getLong(i + 1);
			return counts;
		}
	}

	/* one value through getObject and getString: 1 when not null */
	static int convert(String view, ResultSetMetaData md, ResultSet rs, int i) throws SQLException {
		Object object = rs.getObject(i);
		String text = rs.getString(i);
		if ((object == null) != (text == null))
			failures.add(view + "." + md.getColumnName(i) + " (" + md.getColumnTypeName(i)
						 + "): getObject " + object + " but getString " + text);
		return object == null ? 0 : 1;
	}

	/* a calendar bound as a parameter, a contract from customer_terms */
	static void checkOwnTypes(Connection c) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("SELECT ?::ticket_sla.calendar")) {
			s.setString(1, want("calendar.input"));
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				check("calendar getString", rs.getString(1), want("calendar.text"));
				check("calendar getObject", ((PGobject) rs.getObject(1)).getValue(), want("calendar.text"));
				check("calendar type", rs.getMetaData().getColumnTypeName(1), "\"ticket_sla\".\"calendar\"");
			}
		}
		try (ResultSet rs = c.prepareStatement("SELECT terms FROM ticket_sla.customer_terms").executeQuery()) {
			rs.next();
			check("contract getString", rs.getString(1), want("contract.text"));
			check("contract getObject", ((PGobject) rs.getObject(1)).getValue(), want("contract.text"));
		}
	}

	/* an enum, a timestamptz and business-time intervals, by hand */
	static void checkStatusAndBreach(Connection c) throws SQLException {
		try (ResultSet rs = c.prepareStatement("SELECT case_number, severity, response_due, response_remaining, "
			+ "response_used_pct FROM ticket_sla.sla_status").executeQuery()) {
			rs.next();
			check("sla_status.case_number", rs.getString(1), want("status.case_number"));
			check("sla_status.severity getObject", rs.getObject(2), want("status.severity"));
			check("sla_status.response_due", rs.getObject(3, OffsetDateTime.class).toInstant(),
				  instant("status.response_due"));
			check("sla_status.response_due getTimestamp", rs.getTimestamp(3).toInstant(),
				  instant("status.response_due"));
			check("sla_status.response_due getString", rs.getString(3), want("status.response_due.text"));
			check("sla_status.response_due format (1: binary)",
				  rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(3), binary ? 1 : 0);
			checkInterval("sla_status.response_remaining", rs, 4, "status.response_remaining");
			check("sla_status.response_used_pct", rs.getBigDecimal(5).toPlainString(),
				  want("status.response_used_pct"));
		}
		try (PreparedStatement s = c.prepareStatement("SELECT late_business FROM ticket_sla.breaches "
			+ "WHERE case_number = ? AND target = 'response'")) {
			s.setString(1, want("status.case_number"));
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				checkInterval("breaches.late_business", rs, 1, "breach.late_business");
			}
		}
	}

	static Instant instant(String key) {
		return OffsetDateTime.parse(want(key)).toInstant();
	}

	/* a PGInterval, its total seconds (a month 30 days) and its text */
	static void checkInterval(String what, ResultSet rs, int i, String key) throws SQLException {
		PGInterval iv = (PGInterval) rs.getObject(i);
		double seconds = ((iv.getYears() * 12L + iv.getMonths()) * 30L + iv.getDays()) * 86400.0
			+ iv.getHours() * 3600.0 + iv.getMinutes() * 60.0 + iv.getSeconds();
		check(what + " seconds", seconds, Double.parseDouble(want(key + ".seconds")));
		check(what + " getString", rs.getString(i), want(key + ".text"));
	}

	/*
	 * The application's insert: customer, severity (Types.OTHER: the
	 * server infers ticket_sla.severity) and opened_at as an
	 * OffsetDateTime bound as parameters; the deadlines the trigger stamped
	 * read back with RETURNING.
	 */
	static void checkInsert(Connection c) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("INSERT INTO ticket_sla.tickets "
			+ "(customer_id, summary, channel, severity, opened_at) VALUES (?, ?, 'web', ?, ?) "
			+ "RETURNING ticket_id, case_number, opened_at, response_due, resolution_due")) {
			s.setInt(1, Integer.parseInt(want("insert.customer_id")));
			s.setString(2, "Opened through JDBC");
			s.setObject(3, want("insert.severity"), Types.OTHER);
			s.setObject(4, OffsetDateTime.parse(want("insert.opened_at")));
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				check("insert ticket_id", rs.getLong(1), Long.parseLong(want("insert.ticket_id")));
				check("insert case_number", rs.getString(2), want("insert.case_number"));
				for (int i = 3; i <= 5; i++) {
					String column = rs.getMetaData().getColumnName(i);
					check("insert " + column, rs.getObject(i, OffsetDateTime.class).toInstant(),
						  instant("insert." + column));
				}
			}
		}
	}
}
