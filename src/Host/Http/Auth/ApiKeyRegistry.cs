using System.Security.Cryptography;
using System.Text;
using JidoSessions.Client;
using JidoSessions.Host.Configuration.Options;

namespace JidoSessions.Host.Http.Auth;

/// <summary>
/// The API keys and the tenant each acts as. Keys are kept as SHA-256 digests and compared in constant time
/// (every key is compared, equal-length digests), so neither timing nor length reveals a key.
/// </summary>
internal sealed class ApiKeyRegistry
{
    private readonly (byte[] Digest, TenantId Tenant)[] _keys;

    private ApiKeyRegistry((byte[] Digest, TenantId Tenant)[] keys, string? devKey, TenantId devKeyTenant)
    {
        _keys = keys;
        DevKey = devKey;
        DevKeyTenant = devKeyTenant;
    }

    /// <summary>The key generated at start because none was configured (and <c>jido.auth.dev-key</c> is on), else null.</summary>
    public string? DevKey { get; }

    /// <summary>The tenant <see cref="DevKey"/> acts as.</summary>
    public TenantId DevKeyTenant { get; }

    /// <summary>Every tenant a key acts as.</summary>
    public IReadOnlyList<TenantId> Tenants => [.. _keys.Select(k => k.Tenant).Distinct()];

    public static ApiKeyRegistry Create(AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = options.Tenants.SelectMany(t => t.ApiKeys.Select(k => (Digest(k), t.Id))).ToArray();
        var devTenant = options.Tenants.Count > 0 ? options.Tenants[0].Id : TenantId.Default;
        if (keys.Length > 0 || !options.DevKey)
        {
            return new ApiKeyRegistry(keys, null, devTenant);
        }

        var devKey = "jido_dev_" + Base64Url(RandomNumberGenerator.GetBytes(24));
        return new ApiKeyRegistry([(Digest(devKey), devTenant)], devKey, devTenant);
    }

    public bool TryAuthenticate(string presented, out TenantId tenant)
    {
        var digest = Digest(presented);
        var found = -1;
        for (var i = 0; i < _keys.Length; i++)
        {
            // No early exit: the time taken does not depend on which key (if any) matched.
            found = CryptographicOperations.FixedTimeEquals(digest, _keys[i].Digest) ? i : found;
        }

        tenant = found >= 0 ? _keys[found].Tenant : default;
        return found >= 0;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
