namespace PakLoad.Core.Common;

/// <summary>
/// A failure a user can be told about. <see cref="Key"/> is a locale key (present in en, ur and ur-Latn);
/// <see cref="Args"/> fill its placeholders. Errors are values, never exceptions.
/// </summary>
public sealed record Error(string Key, IReadOnlyDictionary<string, string> Args)
{
    private static readonly IReadOnlyDictionary<string, string> NoArgs = new Dictionary<string, string>();

    public static Error Of(string key) => new(key, NoArgs);

    public static Error Of(string key, params (string Name, string Value)[] args) =>
        new(key, args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));

    public override string ToString() =>
        Args.Count == 0 ? Key : $"{Key}({string.Join(", ", Args.Select(a => $"{a.Key}={a.Value}"))})";
}
