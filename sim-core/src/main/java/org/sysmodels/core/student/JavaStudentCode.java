package org.sysmodels.core.student;

import com.sun.source.util.JavacTask;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.sysmodels.core.input.UserInputException;

/**
 * One Java source file from a student, compiled in memory (javax.tools) against a system's public API and loaded in
 * its own class loader, so it runs where the reference code would. Compile errors are reported as
 * {@code File.java:line:col: message} ({@link CompileException}), as is a call that would end sim's own process
 * ({@link ExitCalls}); what the code throws later is located in the file by {@link StudentFault}.
 *
 * <p>The file's public top-level class (named after the file, as Java requires) is the entry point; it must be
 * assignable to the slot's API type and have a public constructor the system can call.
 */
public final class JavaStudentCode {

    private final Path file;
    private final String fileName;
    private final String noun;
    private final Class<?> mainClass;
    private final Set<String> classNames;

    private JavaStudentCode(Path file, String noun, Class<?> mainClass, Set<String> classNames) {
        this.file = file;
        this.fileName = file.getFileName().toString();
        this.noun = noun;
        this.mainClass = mainClass;
        this.classNames = Set.copyOf(classNames);
    }

    /**
     * Compiles {@code file} against the class path this program runs with plus the code sources of {@code api} (the
     * types the student implements and calls), and loads it.
     *
     * @param apiType the type the file's main class must implement or extend
     * @param noun    what the student wrote, the slot's word ("driver", "app", "firmware"), for messages and findings
     * @throws CompileException   if it does not compile or its main class is missing or of the wrong type
     * @throws UserInputException if the file cannot be read
     */
    public static JavaStudentCode compile(Path file, Class<?> apiType, String noun) throws UserInputException {
        String source = read(file);
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".java")) {
            throw new UserInputException(file + ": a " + noun + " is one Java source file ending in .java");
        }
        String simpleName = fileName.substring(0, fileName.length() - ".java".length());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new UserInputException("compiling " + fileName + " needs a JDK (with javac), and this program runs"
                    + " on a JRE: run it with a JDK 21 or newer");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = new HashMap<>();
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            JavaFileManager memory = new InMemoryOutput(standard, classes);
            List<String> options = List.of("-classpath", classPath(apiType), "-proc:none", "-g",
                    "-Xlint:none", "--release", String.valueOf(Runtime.version().feature()));
            JavaFileObject unit = new Source(file, fileName, source);
            JavacTask task = (JavacTask) javac.getTask(null, memory, diagnostics, options, null, List.of(unit));
            Set<String> exits = new LinkedHashSet<>();
            task.addTaskListener(new ExitCalls(task, fileName, exits));
            MissingSupertype supertype = new MissingSupertype(task, fileName, simpleName, apiType);
            task.addTaskListener(supertype);
            Boolean ok = task.call();
            List<String> problems = new ArrayList<>();
            if (!Boolean.TRUE.equals(ok) && supertype.problem() != null) {
                problems.add(supertype.problem());
            }
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    problems.add(fileName + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + ": "
                            + oneLine(d.getMessage(Locale.ROOT)));
                }
            }
            if (!Boolean.TRUE.equals(ok) || !problems.isEmpty()) {
                if (problems.isEmpty()) {
                    problems.add(fileName + ": does not compile");
                }
                throw new CompileException(problems);
            }
            if (!exits.isEmpty()) {
                throw new CompileException(List.copyOf(exits));
            }
        } catch (IOException e) {
            throw new UserInputException(fileName + ": cannot compile: " + e.getMessage(), e);
        }
        Loader loader = new Loader(classes, apiType.getClassLoader());
        String mainName = classes.keySet().stream()
                .filter(n -> n.equals(simpleName) || n.endsWith("." + simpleName)).findFirst().orElse(null);
        if (mainName == null) {
            throw new CompileException(List.of(fileName + ":1:1: no class named " + simpleName + ": the file's public"
                    + " class must be named after the file"));
        }
        Class<?> main;
        try {
            main = loader.loadClass(mainName);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CompileException(List.of(fileName + ":1:1: cannot load " + mainName + ": " + e));
        }
        if (!apiType.isAssignableFrom(main)) {
            throw new CompileException(List.of(fileName + ":1:1: " + mustExtend(simpleName, apiType)));
        }
        if (!Modifier.isPublic(main.getModifiers()) || Modifier.isAbstract(main.getModifiers())) {
            throw new CompileException(List.of(fileName + ":1:1: class " + simpleName
                    + " must be public and not abstract"));
        }
        return new JavaStudentCode(file, noun, main, classes.keySet());
    }

    /** "class MyDriver must extend WdmDriver (org.sysmodels.irp.wdm.WdmDriver)". */
    static String mustExtend(String simpleName, Class<?> apiType) {
        return "class " + simpleName + " must " + (apiType.isInterface() ? "implement " : "extend ")
                + apiType.getSimpleName() + " (" + apiType.getName() + ")";
    }

    /**
     * javac's message on one line, its detail lines kept: "cannot find symbol (symbol: class Foo; location: class
     * MyDriver)", since the first line alone does not say which name is missing.
     */
    static String oneLine(String message) {
        List<String> lines = message.lines().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty())
                .toList();
        if (lines.isEmpty()) {
            return "error";
        }
        return lines.size() == 1 ? lines.get(0)
                : lines.get(0) + " (" + String.join("; ", lines.subList(1, lines.size())) + ")";
    }

    /** The file as given. */
    public Path file() {
        return file;
    }

    /** "MyDriver.java". */
    public String fileName() {
        return fileName;
    }

    /** What the student wrote, in the slot's word ("driver", "app", "firmware"). */
    public String noun() {
        return noun;
    }

    public Class<?> mainClass() {
        return mainClass;
    }

    /** True when a stack frame belongs to this student's code. */
    public boolean owns(StackTraceElement frame) {
        return StudentFault.isStudentFrame(frame) && classNames.contains(frame.getClassName());
    }

    /**
     * A new instance of the main class, through its public constructor whose parameters accept {@code args}.
     *
     * @throws CompileException    if there is no such constructor
     * @throws StudentCodeFailure if the constructor throws
     */
    public <T> T newInstance(Class<T> type, Object... args) throws UserInputException, StudentCodeFailure {
        for (Constructor<?> c : mainClass.getConstructors()) {
            if (accepts(c.getParameterTypes(), args)) {
                try {
                    return type.cast(c.newInstance(args));
                } catch (InvocationTargetException e) {
                    throw new StudentCodeFailure(StudentFault.of(e.getCause(), this));
                } catch (ReflectiveOperationException e) {
                    throw new UserInputException(fileName + ": cannot create " + mainClass.getSimpleName() + ": "
                            + e.getMessage(), e);
                }
            }
        }
        List<String> wanted = new ArrayList<>();
        for (Object a : args) {
            wanted.add(a == null ? "null" : a.getClass().getSimpleName());
        }
        throw new CompileException(List.of(fileName + ":1:1: class " + mainClass.getSimpleName()
                + " needs a public constructor " + mainClass.getSimpleName() + "(" + String.join(", ", wanted) + ")"));
    }

    private static boolean accepts(Class<?>[] params, Object[] args) {
        if (params.length != args.length) {
            return false;
        }
        for (int i = 0; i < params.length; i++) {
            if (args[i] != null && !box(params[i]).isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return switch (c.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            default -> Character.class;
        };
    }

    private static String read(Path file) throws UserInputException {
        if (Files.isDirectory(file)) {
            throw new UserInputException(file + ": is a directory, not a Java source file");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserInputException(file + ": not UTF-8 text (save it as UTF-8)");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** This program's class path plus the code sources of the API and of sim-core. */
    private static String classPath(Class<?> apiType) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {apiType, JavaStudentCode.class}) {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                try {
                    entries.add(Path.of(cs.getLocation().toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException ignored) {
                    // Not a file location (e.g. a jrt: URL): the class path below still has it.
                }
            }
        }
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(Path file, String fileName, String text) {
            super(uri(file, fileName), Kind.SOURCE);
            this.text = text;
        }

        private static URI uri(Path file, String fileName) {
            try {
                return file.toAbsolutePath().toUri();
            } catch (RuntimeException e) {
                return URI.create("string:///" + fileName);
            }
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    private static final class InMemoryOutput extends ForwardingJavaFileManager<JavaFileManager> {
        private final Map<String, byte[]> classes;

        InMemoryOutput(JavaFileManager delegate, Map<String, byte[]> classes) {
            super(delegate);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }

    /** Loads the student's classes; everything else comes from the system's class loader. */
    private static final class Loader extends ClassLoader {
        private final Map<String, byte[]> classes;

        Loader(Map<String, byte[]> classes, ClassLoader parent) {
            super(StudentFault.LOADER, parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
