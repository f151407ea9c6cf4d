package org.symbi.agents.testing;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * JUnit XML reports, the format Maven Surefire ({@code target/surefire-reports/TEST-*.xml}), Gradle
 * ({@code build/test-results/test/TEST-*.xml}) and many other runners write: a {@code testsuite} (or
 * {@code testsuites}) of {@code testcase} elements, each failed one with a {@code failure} or {@code error}
 * and each skipped one with {@code skipped}.
 */
final class JUnitReports {
    /** Directories never searched for reports: history, dependencies. */
    private static final Set<String> PASSED_OVER = Set.of(".git", "node_modules", ".venv", "venv", ".gradle", ".m2");
    private static final int MAX_DEPTH = 10;

    private JUnitReports() {
    }

    /**
     * The reports of one run.
     *
     * @param counts     the sum over the readable reports, or empty when there were none
     * @param unreadable the reports that could not be read, each with why
     */
    record Collected(Optional<TestCounts> counts, List<String> unreadable) {
    }

    /**
     * Reads the {@code TEST-*.xml} files below {@code root} written since {@code since}: reports left from an
     * earlier run say nothing about this one.
     */
    static Collected collect(Path root, Instant since) throws IOException {
        List<Path> reports;
        try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
            reports = files.filter(p -> isReportName(p.getFileName().toString()))
                    .filter(p -> !underPassedOver(root, p))
                    .filter(p -> modifiedSince(p, since))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        }
        List<TestCounts> read = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path report : reports) {
            try (InputStream in = Files.newInputStream(report)) {
                read.add(parse(in));
            } catch (IOException | SAXException e) {
                unreadable.add(root.relativize(report) + ": " + e.getMessage());
            }
        }
        return new Collected(read.isEmpty() ? Optional.empty() : Optional.of(sum(read)), unreadable);
    }

    static boolean isReportName(String name) {
        return name.startsWith("TEST-") && name.endsWith(".xml");
    }

    private static boolean underPassedOver(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (PASSED_OVER.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean modifiedSince(Path file, Instant since) {
        try {
            return !Files.getLastModifiedTime(file).toInstant().isBefore(since);
        } catch (IOException gone) {
            return false;
        }
    }

    /** One report: its test cases counted; a report without any gives the suite's own totals. */
    static TestCounts parse(InputStream xml) throws IOException, SAXException {
        Document doc = builder().parse(xml);
        NodeList cases = doc.getElementsByTagName("testcase");
        if (cases.getLength() == 0) {
            Element suite = doc.getDocumentElement();
            int tests = intAttribute(suite, "tests");
            int failures = intAttribute(suite, "failures");
            int errors = intAttribute(suite, "errors");
            int skipped = Math.max(intAttribute(suite, "skipped"), intAttribute(suite, "disabled"));
            return new TestCounts("junit-xml", Math.max(0, tests - failures - errors - skipped), failures, errors,
                    skipped, List.of());
        }
        int passed = 0;
        int failed = 0;
        int errors = 0;
        int skipped = 0;
        List<TestFailure> failures = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            Element failure = child(testCase, "failure");
            Element error = child(testCase, "error");
            if (failure != null || error != null) {
                Element why = failure != null ? failure : error;
                if (failure != null) {
                    failed++;
                } else {
                    errors++;
                }
                String message = why.getAttribute("message");
                failures.add(new TestFailure(testName(testCase), message.isEmpty() ? why.getAttribute("type") : message,
                        why.getTextContent().strip()));
            } else if (child(testCase, "skipped") != null) {
                skipped++;
            } else {
                passed++;
            }
        }
        return new TestCounts("junit-xml", passed, failed, errors, skipped, failures);
    }

    private static TestCounts sum(List<TestCounts> reports) {
        List<TestFailure> failures = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        int errors = 0;
        int skipped = 0;
        for (TestCounts r : reports) {
            passed += r.passed();
            failed += r.failed();
            errors += r.errors();
            skipped += r.skipped();
            failures.addAll(r.failures());
        }
        return new TestCounts("junit-xml", passed, failed, errors, skipped, failures);
    }

    private static String testName(Element testCase) {
        String className = testCase.getAttribute("classname");
        String name = testCase.getAttribute("name");
        return className.isEmpty() ? name : className + "." + name;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static int intAttribute(Element e, String name) {
        String value = e.getAttribute(name).strip();
        try {
            return value.isEmpty() ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    /** Reports are written by build tools from the repository under test: no DTDs, no external entities. */
    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the platform's XML parser cannot be configured safely", e);
        }
    }
}
