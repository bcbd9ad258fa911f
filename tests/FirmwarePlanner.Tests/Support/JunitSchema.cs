using System.Xml;
using System.Xml.Schema;

namespace FirmwarePlanner.Tests.Support;

/// <summary>Validates JUnit XML against the Jenkins/Ant junit-10.xsd kept in tests/…/Checks/schemas (see its PROVENANCE.md).</summary>
public static class JunitSchema
{
    /// <summary>The schema's validation errors for <paramref name="xml"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(Fixtures.RepoRoot, "tests", "FirmwarePlanner.Tests", "Checks", "schemas", "junit-10.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}
