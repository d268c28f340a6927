using System.Globalization;
using Rtvi.AotSize;

// Summarises Native AOT size reports (.mstat) side by side as Markdown tables, every column beside the first (the floor).
// Usage: Rtvi.AotSize --app NAME MSTAT BINARY [--app NAME MSTAT BINARY]... [--top 25] [--namespaces 25] [--types 25]
const string Usage = "usage: Rtvi.AotSize --app NAME MSTAT BINARY [--app ...] [--top N] [--namespaces N] [--types N]";
var apps = new List<AppSize>();
var (top, namespaces, types) = (25, 25, 25);
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--app" when i + 3 < args.Length:
            apps.Add(AppSize.Read(args[i + 1], args[i + 2], args[i + 3]));
            i += 3;
            break;
        case "--top" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out top):
        case "--namespaces" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out namespaces):
        case "--types" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out types):
            i++;
            break;
        default:
            Console.Error.WriteLine($"invalid argument '{args[i]}'\n{Usage}");
            return 2;
    }
}
if (apps.Count == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var floor = apps[0];
var report = new SizeTable(Console.Out, apps);
report.Write("The binary and what the compiler accounts for (KiB)", AppSize.TotalRows, app => app.Totals());
report.Write($"By assembly (KiB, top {top})", Ranked(apps.SelectMany(a => a.ByAssembly().Keys), a => a.ByAssembly(), top), app => app.ByAssembly());
foreach (var app in apps.Skip(1))
{
    // What each app adds over the floor, by namespace and by type: where to look for something to trim.
    var pair = new SizeTable(Console.Out, [floor, app]);
    pair.Write($"{app.Name} over {floor.Name}, by namespace (KiB, top {namespaces} by the difference)", Differences(app, a => a.ByNamespace(), namespaces), a => a.ByNamespace());
    pair.Write($"{app.Name} over {floor.Name}, by type (KiB, top {types} by the difference; generic instantiations count as their definition)",
        Differences(app, a => a.ByType(), types), a => a.ByType());
}
return 0;

// Keys seen in either app, by how much they differ (the floor's own keys too: a bot can also have less of something).
List<string> Differences(AppSize app, Func<AppSize, Dictionary<string, long>> table, int count) => table(app).Keys.Union(table(floor).Keys)
    .Select(key => (Key: key, Delta: table(app).GetValueOrDefault(key) - table(floor).GetValueOrDefault(key)))
    .OrderByDescending(pair => Math.Abs(pair.Delta))
    .Take(count)
    .Select(pair => pair.Key)
    .ToList();

List<string> Ranked(IEnumerable<string> keys, Func<AppSize, Dictionary<string, long>> table, int count) =>
    keys.Distinct().OrderByDescending(key => apps.Max(app => table(app).GetValueOrDefault(key))).Take(count).ToList();

/// <summary>The size report of one published app.</summary>
internal sealed class AppSize
{
    private readonly List<SizeEntry> _entries;
    private readonly long _binaryBytes;
    private Dictionary<string, long>? _byAssembly, _byNamespace, _byType;

    private AppSize(string name, List<SizeEntry> entries, long binaryBytes) => (Name, _entries, _binaryBytes) = (name, entries, binaryBytes);

    public string Name { get; }

    public static AppSize Read(string name, string mstat, string binary)
    {
        using var reader = new MstatReader(mstat);
        return new AppSize(name, reader.ReadAll().ToList(), new FileInfo(binary).Length);
    }

    /// <summary>
    /// The rows of <see cref="Totals"/>: the file, the mstat's kinds of entry and their sum. RVA field data and frozen
    /// objects are broken out of the blobs <c>FieldRvaData</c> and <c>ArrayOfFrozenObjects</c>, so not summed again.
    /// </summary>
    public static readonly string[] TotalRows = ["binary file", "code", "types", "blobs", "resources", "accounted", "data (in blobs)", "frozen (in blobs)"];

    private static readonly string[] s_breakdowns = ["data", "frozen"];

    public Dictionary<string, long> Totals()
    {
        var totals = _entries.GroupBy(e => e.Kind).ToDictionary(g => s_breakdowns.Contains(g.Key) ? g.Key + " (in blobs)" : g.Key, g => g.Sum(e => (long)e.Bytes));
        totals["binary file"] = _binaryBytes;
        totals["accounted"] = _entries.Where(e => !s_breakdowns.Contains(e.Kind)).Sum(e => (long)e.Bytes);
        return totals;
    }

    /// <summary>The blobs that RVA field data and frozen objects break down, by owner and by type (less a little padding).</summary>
    private static readonly string[] s_brokenDown = ["FieldRvaData", "ArrayOfFrozenObjects"];

    /// <summary>The entries with the two blobs replaced by their breakdowns, for the tables by owner.</summary>
    private IEnumerable<SizeEntry> Counted => _entries.Where(e => e.Kind != "blobs" || !s_brokenDown.Contains(e.Owner.Namespace));

    public Dictionary<string, long> ByAssembly() => _byAssembly ??= Group(e => e.Owner.Assembly);

    public Dictionary<string, long> ByNamespace() => _byNamespace ??= Group(e => $"{e.Owner.Assembly}: {e.Owner.Namespace}");

    public Dictionary<string, long> ByType() => _byType ??= Group(e => e.Owner.Type.Length == 0 ? $"{e.Owner.Assembly}: {e.Owner.Namespace}" : $"{e.Owner.Namespace}.{e.Owner.Type}");

    private Dictionary<string, long> Group(Func<SizeEntry, string> key) =>
        Counted.GroupBy(key).ToDictionary(g => g.Key, g => g.Sum(e => (long)e.Bytes));
}

/// <summary>A Markdown table: one row per key, a column per app (KiB) and, after the first app, its difference from it.</summary>
internal sealed class SizeTable(TextWriter output, IReadOnlyList<AppSize> apps)
{
    public void Write(string title, IReadOnlyList<string> rows, Func<AppSize, Dictionary<string, long>> values)
    {
        output.WriteLine();
        output.WriteLine($"### {title}");
        output.WriteLine();
        output.WriteLine("| | " + string.Join(" | ", apps.Select((a, i) => i == 0 ? a.Name : $"{a.Name} | Δ")) + " |");
        output.WriteLine("|---|" + string.Concat(apps.Select((_, i) => i == 0 ? "---:|" : "---:|---:|")));
        foreach (var row in rows)
        {
            var first = values(apps[0]).GetValueOrDefault(row);
            var cells = apps.Select((app, i) =>
            {
                var value = values(app).GetValueOrDefault(row);
                return i == 0 ? KiB(value) : $"{KiB(value)} | {Signed(value - first)}";
            });
            output.WriteLine($"| {row} | {string.Join(" | ", cells)} |");
        }
    }

    private static string KiB(long bytes) => (bytes / 1024.0).ToString("#,0", CultureInfo.InvariantCulture);

    private static string Signed(long bytes) => (bytes / 1024.0).ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture);
}
