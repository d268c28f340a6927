using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Rtvi.Analyzers.Tests;

/// <summary>Every diagnostic's help link opens its page from an IDE: absolute, built from RtviDocsBaseUrl, one page per id.</summary>
public sealed class HelpLinkTests
{
    public static TheoryData<string> Descriptors()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in AllDescriptors())
        {
            data.Add(descriptor.Id);
        }
        return data;
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        typeof(RtviDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!);

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Help_link_is_absolute_and_ends_with_the_ids_page(string id)
    {
        var descriptor = AllDescriptors().Single(d => d.Id == id);
        Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out var uri), descriptor.HelpLinkUri);
        Assert.Equal(Uri.UriSchemeHttps, uri.Scheme);
        Assert.EndsWith("/" + id + ".md", uri.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Help_link_page_exists_in_docs_diagnostics(string id) =>
        Assert.True(File.Exists(Path.Combine(Repository.Root, "docs", "diagnostics", id + ".md")), id);

    [Fact]
    public void Every_analyzer_reports_only_descriptors_with_those_links()
    {
        var known = AllDescriptors().Select(d => d.Id).ToHashSet();
        var reported = typeof(RtviDiagnostics).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer).IsAssignableFrom(type))
            .SelectMany(type => ((Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer)Activator.CreateInstance(type)!).SupportedDiagnostics)
            .ToList();
        Assert.NotEmpty(reported);
        Assert.All(reported, descriptor => Assert.Contains(descriptor.Id, known));
        Assert.All(reported, descriptor => Assert.StartsWith(RtviDiagnostics.HelpLinkBase, descriptor.HelpLinkUri, StringComparison.Ordinal));
    }
}
