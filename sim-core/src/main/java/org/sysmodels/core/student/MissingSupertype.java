package org.sysmodels.core.student;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.Trees;

/**
 * Notices, once javac has parsed a student's file, that its main class names no supertype at all, so it cannot be
 * the API type it must extend or implement. Such a file fails with one "cannot find symbol" for every inherited name
 * it uses (IoCallDriver, STATUS_SUCCESS, ...), none of which says what is wrong; this finding, on the class's line,
 * does, and goes first.
 */
final class MissingSupertype implements TaskListener {

    private final Trees trees;
    private final String fileName;
    private final String simpleName;
    private final Class<?> apiType;
    private String problem;

    MissingSupertype(JavacTask task, String fileName, String simpleName, Class<?> apiType) {
        this.trees = Trees.instance(task);
        this.fileName = fileName;
        this.simpleName = simpleName;
        this.apiType = apiType;
    }

    /** {@code File.java:line:col: class X must extend Api (its.Name)}, or null if the class names a supertype. */
    String problem() {
        return problem;
    }

    @Override
    public void finished(TaskEvent e) {
        if (e.getKind() != TaskEvent.Kind.PARSE) {
            return;
        }
        CompilationUnitTree unit = e.getCompilationUnit();
        for (Tree t : unit.getTypeDecls()) {
            if (t instanceof ClassTree c && c.getSimpleName().contentEquals(simpleName) && !namesASupertype(c)) {
                long at = trees.getSourcePositions().getStartPosition(unit, c);
                LineMap lines = unit.getLineMap();
                problem = fileName + ":" + lines.getLineNumber(at) + ":" + lines.getColumnNumber(at) + ": "
                        + JavaStudentCode.mustExtend(simpleName, apiType);
            }
        }
    }

    /** A class naming any supertype may reach the API type through it (a base class of the student's own). */
    private static boolean namesASupertype(ClassTree c) {
        return c.getExtendsClause() != null || !c.getImplementsClause().isEmpty();
    }
}
