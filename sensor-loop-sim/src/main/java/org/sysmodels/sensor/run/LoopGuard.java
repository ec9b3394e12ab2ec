package org.sysmodels.sensor.run;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.sensor.host.Firmware;
import org.sysmodels.sensor.model.core.SpinBudget;

/**
 * Compiles a student's firmware with a call to {@link SpinBudget#backEdge()} at the top of every loop body (while,
 * do-while, for, for-each), so a loop that never lets simulated time pass is stopped after a fixed number of
 * iterations instead of spinning the host forever. The file is compiled as written first, so its compile errors are
 * the student's own, line and column; the call is inserted without a line break, so the lines a finding names are
 * the file's.
 */
public final class LoopGuard {

    private static final String CALL = "{" + SpinBudget.class.getName() + ".backEdge();";

    private LoopGuard() {
    }

    /** The firmware in {@code file}, compiled with its loops guarded. */
    public static JavaStudentCode compile(Path file) throws UserInputException {
        JavaStudentCode plain = JavaStudentCode.compile(file, Firmware.class, "firmware");
        String guarded;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            guarded = guard(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sensor-loop-firmware");
            Path copy = dir.resolve(file.getFileName().toString());
            Files.writeString(copy, guarded, StandardCharsets.UTF_8);
            return JavaStudentCode.compile(copy, Firmware.class, "firmware");
        } catch (IOException e) {
            throw new UserInputException("cannot compile " + file.getFileName() + ": " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary copy left behind is harmless
                }
            }
        }
    }

    /** {@code source} with every loop body {@code B} replaced by {@code {SpinBudget.backEdge(); B}}. */
    static String guard(String source) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return source;
        }
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///Firmware.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null,
                List.of(unit));
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        record Insert(long at, boolean open) {
        }
        List<Insert> inserts = new ArrayList<>();
        for (CompilationUnitTree cu : task.parse()) {
            new TreeScanner<Void, Void>() {
                private void body(StatementTree body) {
                    long start = positions.getStartPosition(cu, body);
                    long end = positions.getEndPosition(cu, body);
                    if (start >= 0 && end >= start) {
                        inserts.add(new Insert(start, true));
                        inserts.add(new Insert(end, false));
                    }
                }

                @Override
                public Void visitWhileLoop(WhileLoopTree t, Void v) {
                    body(t.getStatement());
                    return super.visitWhileLoop(t, v);
                }

                @Override
                public Void visitDoWhileLoop(DoWhileLoopTree t, Void v) {
                    body(t.getStatement());
                    return super.visitDoWhileLoop(t, v);
                }

                @Override
                public Void visitForLoop(ForLoopTree t, Void v) {
                    body(t.getStatement());
                    return super.visitForLoop(t, v);
                }

                @Override
                public Void visitEnhancedForLoop(EnhancedForLoopTree t, Void v) {
                    body(t.getStatement());
                    return super.visitEnhancedForLoop(t, v);
                }
            }.scan(cu, null);
        }
        // from the end backwards, so earlier offsets stay valid; at one offset, closings before openings
        inserts.sort(Comparator.comparingLong(Insert::at).reversed().thenComparing(i -> !i.open()));
        StringBuilder s = new StringBuilder(source);
        for (Insert i : inserts) {
            s.insert((int) i.at(), i.open() ? CALL : "}");
        }
        return s.toString();
    }
}
