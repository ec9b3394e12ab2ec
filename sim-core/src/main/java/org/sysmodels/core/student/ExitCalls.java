package org.sysmodels.core.student;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Finds the calls in a student's file that would end the whole JVM ({@code System.exit}, {@code Runtime.exit},
 * {@code Runtime.halt}, called or referenced), while javac analyses the file. A student's code runs inside sim's
 * own process, so such a call would end sim itself, with no result and no finding to say why; it is reported like a
 * compile error instead, on the call's line and column. Resolved by symbol, not by name, so a method of the
 * student's own called {@code exit} is not caught.
 */
final class ExitCalls implements TaskListener {

    private static final Set<String> OWNERS = Set.of("java.lang.System", "java.lang.Runtime");
    private static final Set<String> METHODS = Set.of("exit", "halt");

    private final Trees trees;
    private final String fileName;
    private final Set<String> problems;

    /** @param problems where each call found is added, as {@code File.java:line:col: message} */
    ExitCalls(JavacTask task, String fileName, Set<String> problems) {
        this.trees = Trees.instance(task);
        this.fileName = fileName;
        this.problems = problems;
    }

    @Override
    public void finished(TaskEvent e) {
        if (e.getKind() != TaskEvent.Kind.ANALYZE || e.getTypeElement() == null) {
            return;
        }
        TreePath type = trees.getPath(e.getTypeElement());
        if (type == null) {
            return;
        }
        CompilationUnitTree unit = type.getCompilationUnit();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
                check(node);
                return super.visitMethodInvocation(node, unused);
            }

            @Override
            public Void visitMemberReference(MemberReferenceTree node, Void unused) {
                check(node);
                return super.visitMemberReference(node, unused);
            }

            private void check(Tree node) {
                Element called = trees.getElement(getCurrentPath());
                if (called == null || called.getKind() != ElementKind.METHOD
                        || !METHODS.contains(called.getSimpleName().toString())
                        || !(called.getEnclosingElement() instanceof TypeElement owner)
                        || !OWNERS.contains(owner.getQualifiedName().toString())) {
                    return;
                }
                long at = trees.getSourcePositions().getStartPosition(unit, node);
                LineMap lines = unit.getLineMap();
                String name = owner.getSimpleName() + "." + called.getSimpleName();
                problems.add(fileName + ":" + lines.getLineNumber(at) + ":" + lines.getColumnNumber(at) + ": "
                        + name + " would end sim itself, with no result and no finding: return a status or throw "
                        + "instead (sim reports what your code throws, on its line)");
            }
        }.scan(type, null);
    }
}
