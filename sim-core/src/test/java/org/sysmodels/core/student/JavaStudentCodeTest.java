package org.sysmodels.core.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.input.UserInputException;

class JavaStudentCodeTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void compilesLoadsAndRunsAStudentClassAgainstTheApi() throws Exception {
        Path f = write("Twice.java", """
                import java.util.function.IntUnaryOperator;
                public class Twice implements IntUnaryOperator {
                    public int applyAsInt(int x) { return 2 * x; }
                }
                """);
        JavaStudentCode code = JavaStudentCode.compile(f, IntUnaryOperator.class, "operator");
        assertEquals(42, code.newInstance(IntUnaryOperator.class).applyAsInt(21));
    }

    @Test
    void compileErrorsAreFileLineColumn() throws Exception {
        Path f = write("Broken.java", """
                public class Broken implements java.util.function.IntUnaryOperator {
                    public int applyAsInt(int x) { return y; }
                }
                """);
        CompileException e = assertThrows(CompileException.class,
                () -> JavaStudentCode.compile(f, IntUnaryOperator.class, "operator"));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("Broken.java:2:43: cannot find symbol"), e.problems().get(0));
    }

    @Test
    void aMissingNameIsNamedInTheMessage() throws Exception {
        Path f = write("Lost.java", """
                public class Lost implements java.util.function.IntUnaryOperator {
                    Frobnicator f;
                    public int applyAsInt(int x) { return x; }
                }
                """);
        CompileException e = assertThrows(CompileException.class,
                () -> JavaStudentCode.compile(f, IntUnaryOperator.class, "operator"));
        assertEquals(List.of("Lost.java:2:5: cannot find symbol (symbol: class Frobnicator; location: class Lost)"),
                e.problems());
    }

    @Test
    void aClassThatDoesNotNameTheApiTypeIsToldSoFirstOnItsLine() throws Exception {
        Path f = write("Orphan.java", """
                import java.util.function.IntUnaryOperator;

                public class Orphan {
                    @Override
                    public int applyAsInt(int x) { return identity().applyAsInt(x); }
                }
                """);
        CompileException e = assertThrows(CompileException.class,
                () -> JavaStudentCode.compile(f, IntUnaryOperator.class, "operator"));
        assertEquals("Orphan.java:3:1: class Orphan must implement IntUnaryOperator "
                + "(java.util.function.IntUnaryOperator)", e.problems().get(0), e.problems().toString());
        assertTrue(e.problems().size() > 1, e.problems().toString());
    }

    @Test
    void aCallThatWouldEndSimIsRefusedOnItsLine() throws Exception {
        Path f = write("Quitter.java", """
                import java.util.function.IntConsumer;
                public class Quitter implements java.util.function.IntUnaryOperator {
                    static int exit(int code) { return code; }
                    public int applyAsInt(int x) {
                        if (x < 0) { System.exit(3); }
                        IntConsumer halt = Runtime.getRuntime()::halt;
                        return exit(x);
                    }
                }
                """);
        CompileException e = assertThrows(CompileException.class,
                () -> JavaStudentCode.compile(f, IntUnaryOperator.class, "operator"));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("Quitter.java:5:22: System.exit would end sim itself"),
                e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("Quitter.java:6:28: Runtime.halt would end sim itself"),
                e.problems().get(1));
    }

    @Test
    void theMainClassMustImplementTheApi() throws Exception {
        Path f = write("Other.java", "public class Other { }\n");
        CompileException e = assertThrows(CompileException.class,
                () -> JavaStudentCode.compile(f, IntUnaryOperator.class, "operator"));
        assertTrue(e.getMessage().contains("must implement IntUnaryOperator"), e.getMessage());
    }

    @Test
    void unreadableInputIsAClearUsageError() throws Exception {
        Path latin1 = dir.resolve("Latin.java");
        Files.write(latin1, "// caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        UserInputException e = assertThrows(UserInputException.class,
                () -> JavaStudentCode.compile(latin1, IntUnaryOperator.class, "operator"));
        assertTrue(e.getMessage().endsWith("not UTF-8 text (save it as UTF-8)"), e.getMessage());
        e = assertThrows(UserInputException.class,
                () -> JavaStudentCode.compile(dir, IntUnaryOperator.class, "operator"));
        assertTrue(e.getMessage().contains("is a directory"));
        e = assertThrows(UserInputException.class,
                () -> JavaStudentCode.compile(dir.resolve("None.java"), IntUnaryOperator.class, "operator"));
        assertTrue(e.getMessage().endsWith("no such file"));
    }

    @Test
    void aByteOrderMarkIsAccepted() throws Exception {
        Path f = write("Bom.java", "\uFEFFpublic class Bom implements java.util.function.IntUnaryOperator {"
                + " public int applyAsInt(int x) { return x; } }\n");
        assertEquals(5, JavaStudentCode.compile(f, IntUnaryOperator.class, "op").newInstance(IntUnaryOperator.class)
                .applyAsInt(5));
    }

    @Test
    void anExceptionIsLocatedOnTheStudentsLine() throws Exception {
        Path f = write("Thrower.java", """
                public class Thrower implements java.util.function.IntUnaryOperator {
                    public int applyAsInt(int x) {
                        int[] a = new int[1];
                        return a[x];
                    }
                }
                """);
        JavaStudentCode code = JavaStudentCode.compile(f, IntUnaryOperator.class, "operator");
        IntUnaryOperator op = code.newInstance(IntUnaryOperator.class);
        StudentCodeFailure failure = assertThrows(StudentCodeFailure.class,
                () -> TimeLimit.run(Duration.ofSeconds(10), code, () -> op.applyAsInt(3)));
        assertEquals("Thrower.java:4 (Thrower.applyAsInt)", failure.finding().where());
        assertTrue(failure.finding().message().startsWith("your code threw ArrayIndexOutOfBoundsException"));
        assertEquals(StudentFault.RULE.name(), failure.finding().rule());
    }

    /**
     * The student-code rule names what the student wrote, in the slot's word: an app's fault is not "a driver that
     * faulted". Both ways a finding is made here say it: a constructor that throws, and a call under the time limit.
     */
    @Test
    void aFaultIsWordedForWhatTheStudentWroteNotAlwaysADriver() throws Exception {
        Path f = write("Broken.java", """
                public class Broken implements java.util.function.IntUnaryOperator {
                    static int calls;
                    public Broken() { if (calls++ > 0) throw new IllegalStateException("second"); }
                    public int applyAsInt(int x) { return 1 / x; }
                }
                """);
        JavaStudentCode code = JavaStudentCode.compile(f, IntUnaryOperator.class, "app");
        assertEquals("app", code.noun());
        IntUnaryOperator op = code.newInstance(IntUnaryOperator.class);
        StudentCodeFailure call = assertThrows(StudentCodeFailure.class,
                () -> TimeLimit.run(Duration.ofSeconds(10), code, () -> op.applyAsInt(0)));
        StudentCodeFailure constructor = assertThrows(StudentCodeFailure.class,
                () -> code.newInstance(IntUnaryOperator.class));
        for (StudentCodeFailure failure : List.of(call, constructor)) {
            assertEquals("student-code", failure.finding().rule());
            assertEquals("sysmodels (the run stops where your app faulted, as a real system stops trusting code "
                    + "that faulted)", failure.finding().source());
        }
        assertEquals("your firmware must return normally: an exception it throws ends the run",
                StudentFault.rule("firmware").statement());
        assertEquals(StudentFault.RULE.name(), StudentFault.rule("firmware").name());
    }

    @Test
    void anAllocationTheHeapCannotHoldIsTheStudentsFinding() throws Exception {
        Path f = write("Hog.java", """
                public class Hog implements java.util.function.IntUnaryOperator {
                    public int applyAsInt(int x) {
                        long[] a = new long[Integer.MAX_VALUE - x];
                        return a.length;
                    }
                }
                """);
        JavaStudentCode code = JavaStudentCode.compile(f, IntUnaryOperator.class, "operator");
        IntUnaryOperator op = code.newInstance(IntUnaryOperator.class);
        StudentCodeFailure failure = assertThrows(StudentCodeFailure.class,
                () -> TimeLimit.run(Duration.ofSeconds(10), code, () -> op.applyAsInt(2)));
        assertEquals("Hog.java:3 (Hog.applyAsInt)", failure.finding().where());
        assertTrue(failure.finding().message().startsWith("your code threw OutOfMemoryError"),
                failure.finding().message());
    }

    @Test
    void anAssertionErrorIsLocatedOnTheStudentsLine() throws Exception {
        Path f = write("Unfinished.java", """
                public class Unfinished implements java.util.function.IntUnaryOperator {
                    public int applyAsInt(int x) {
                        throw new AssertionError("not written yet");
                    }
                }
                """);
        JavaStudentCode code = JavaStudentCode.compile(f, IntUnaryOperator.class, "operator");
        IntUnaryOperator op = code.newInstance(IntUnaryOperator.class);
        StudentCodeFailure failure = assertThrows(StudentCodeFailure.class,
                () -> TimeLimit.run(Duration.ofSeconds(10), code, () -> op.applyAsInt(1)));
        assertEquals("Unfinished.java:3 (Unfinished.applyAsInt)", failure.finding().where());
        assertEquals("your code threw AssertionError: not written yet at Unfinished.java:3 (Unfinished.applyAsInt)",
                failure.finding().message());
    }

    @Test
    void aStaticInitializerThatThrowsSaysWhatItThrew() throws Exception {
        Path f = write("Early.java", """
                public class Early implements java.util.function.IntUnaryOperator {
                    static final int LIMIT = Integer.parseInt("ten");
                    public int applyAsInt(int x) { return Math.min(x, LIMIT); }
                }
                """);
        JavaStudentCode code = JavaStudentCode.compile(f, IntUnaryOperator.class, "operator");
        StudentCodeFailure failure = assertThrows(StudentCodeFailure.class,
                () -> TimeLimit.run(Duration.ofSeconds(10), code,
                        () -> code.newInstance(IntUnaryOperator.class).applyAsInt(1)));
        assertEquals("your code threw ExceptionInInitializerError (NumberFormatException: For input string: \"ten\")"
                + " at Early.java:2 (Early.<clinit>)", failure.finding().message());
    }

    @Test
    void aLoopThatNeverEndsIsReportedWithItsLine() throws Exception {
        Path f = write("Spinner.java", """
                public class Spinner implements java.util.function.IntUnaryOperator {
                    public volatile boolean stop;
                    public int applyAsInt(int x) {
                        while (!stop) {
                            x++;
                        }
                        return x;
                    }
                }
                """);
        JavaStudentCode code = JavaStudentCode.compile(f, IntUnaryOperator.class, "operator");
        IntUnaryOperator op = code.newInstance(IntUnaryOperator.class);
        StudentCodeFailure failure = assertThrows(StudentCodeFailure.class,
                () -> TimeLimit.run(Duration.ofMillis(300), code, () -> op.applyAsInt(0)));
        assertEquals(StudentFault.TIME_LIMIT.name(), failure.finding().rule());
        assertTrue(failure.finding().where().startsWith("Spinner.java:"), failure.finding().where());
        op.getClass().getField("stop").setBoolean(op, true);
    }
}
