/* mirrorshim: a UEFI application that makes the firmware's memory map report
 * EFI_MEMORY_MORE_RELIABLE ("mirrored") memory in chosen ranges, then boots a Linux
 * kernel through its EFI stub.
 *
 * It reads \mirrorshim.cfg from the volume it was loaded from:
 *   kernel=\vmlinuz                      kernel image (PE/EFI stub) on the same volume
 *   cmdline=initrd=\initrd.gz console=ttyS0,115200 ...
 *   mirror=0x40000000-0x5fffffff         inclusive, page aligned; repeat the line for more ranges
 *   mmio-no-wc                           clear EFI_MEMORY_WC on every EfiMemoryMappedIO descriptor (a lab setting:
 *                                        AAVMF's MMIO|RUN|WC flash is then no longer memory to arm64's is_memory())
 * hooks gBS->GetMemoryMap (the hook rewrites every map the firmware returns with mirrormap.c),
 * and starts the kernel with the command line as its load options. The map key, descriptor size
 * and version are the firmware's own, so ExitBootServices accepts the key the caller got. */
#include <efi.h>
#include <efilib.h>

#include "mirrormap.h"

#define CONFIG_PATH L"\\mirrorshim.cfg"
#define MAX_CONFIG_BYTES 8192
#define MAX_PATH_CHARS 256

static EFI_GET_MEMORY_MAP firmware_get_memory_map;
static struct mm_range ranges[MM_MAX_RANGES];
static UINTN range_count;
static BOOLEAN mmio_no_wc;
static UINT8 *scratch;
static UINTN scratch_bytes;

static EFI_STATUS EFIAPI mirrored_get_memory_map(UINTN *map_size, EFI_MEMORY_DESCRIPTOR *map,
                                                 UINTN *map_key, UINTN *desc_size, UINT32 *desc_version)
{
    UINTN firmware_bytes = scratch_bytes;
    UINTN key = 0, size = 0;
    UINT32 version = 0;
    EFI_STATUS status;

    if (map_size == NULL)
        return EFI_INVALID_PARAMETER;
    status = firmware_get_memory_map(&firmware_bytes, (EFI_MEMORY_DESCRIPTOR *)scratch, &key, &size, &version);
    if (desc_size != NULL)
        *desc_size = size;
    if (desc_version != NULL)
        *desc_version = version;
    if (status == EFI_BUFFER_TOO_SMALL) {
        /* The firmware map outgrew the scratch copy: ask for the worst case (every range edge splits). */
        *map_size = firmware_bytes + 2 * range_count * size;
        return EFI_BUFFER_TOO_SMALL;
    }
    if (EFI_ERROR(status))
        return status;
    if (size < MM_MIN_DESC_SIZE)
        return EFI_DEVICE_ERROR;

    UINTN firmware_count = firmware_bytes / size;
    UINTN needed = mm_apply(scratch, firmware_count, size, ranges, range_count, NULL, 0);
    if (map == NULL || *map_size < needed * size) {
        *map_size = needed * size;
        return EFI_BUFFER_TOO_SMALL;
    }
    mm_apply(scratch, firmware_count, size, ranges, range_count, (UINT8 *)map, needed);
    if (mmio_no_wc)
        mm_clear_attr((UINT8 *)map, needed, size, MM_EFI_MEMORY_MAPPED_IO, MM_EFI_MEMORY_WC);
    *map_size = needed * size;
    if (map_key != NULL)
        *map_key = key;
    return EFI_SUCCESS;
}

static EFI_STATUS read_config(EFI_HANDLE device, CHAR8 *buffer, UINTN *length)
{
    EFI_FILE_HANDLE root = LibOpenRoot(device);
    EFI_FILE_HANDLE file;
    EFI_STATUS status;

    if (root == NULL)
        return EFI_NOT_FOUND;
    status = uefi_call_wrapper(root->Open, 5, root, &file, CONFIG_PATH, EFI_FILE_MODE_READ, 0);
    if (EFI_ERROR(status))
        return status;
    *length = MAX_CONFIG_BYTES - 1;
    status = uefi_call_wrapper(file->Read, 3, file, length, buffer);
    uefi_call_wrapper(file->Close, 1, file);
    buffer[*length] = 0;
    return status;
}

static BOOLEAN starts_with(const CHAR8 *line, UINTN len, const char *key)
{
    UINTN i = 0;
    for (; key[i] != 0; i++)
        if (i >= len || line[i] != (CHAR8)key[i])
            return FALSE;
    return TRUE;
}

static CHAR16 *widen(const CHAR8 *text, UINTN len)
{
    CHAR16 *wide = AllocatePool((len + 1) * sizeof(CHAR16));
    if (wide == NULL)
        return NULL;
    for (UINTN i = 0; i < len; i++)
        wide[i] = (CHAR16)text[i];
    wide[len] = 0;
    return wide;
}

/* Parses the key=value lines; fills kernel path, command line and ranges. */
static EFI_STATUS parse_config(CHAR8 *text, UINTN length, CHAR16 **kernel, CHAR16 **cmdline)
{
    UINTN pos = 0;
    while (pos < length) {
        UINTN end = pos;
        while (end < length && text[end] != '\n')
            end++;
        UINTN len = end - pos;
        while (len > 0 && (text[pos + len - 1] == '\r' || text[pos + len - 1] == ' '))
            len--;
        CHAR8 *line = text + pos;
        if (starts_with(line, len, "kernel=")) {
            *kernel = widen(line + 7, len - 7);
        } else if (starts_with(line, len, "cmdline=")) {
            *cmdline = widen(line + 8, len - 8);
        } else if (starts_with(line, len, "mirror=")) {
            if (range_count == MM_MAX_RANGES
                || mm_parse_range((const char *)line + 7, len - 7, &ranges[range_count]) != 0) {
                Print(L"mirrorshim: bad or too many mirror= lines (max %d, page aligned)\n", MM_MAX_RANGES);
                return EFI_INVALID_PARAMETER;
            }
            range_count++;
        } else if (len == 10 && starts_with(line, len, "mmio-no-wc")) {
            mmio_no_wc = TRUE;
        }
        pos = end + 1;
    }
    if (*kernel == NULL || *cmdline == NULL)
        return EFI_INVALID_PARAMETER;
    return EFI_SUCCESS;
}

static EFI_STATUS hook_get_memory_map(void)
{
    UINTN bytes = 0, key, size;
    UINT32 version;
    EFI_STATUS status = uefi_call_wrapper(BS->GetMemoryMap, 5, &bytes, NULL, &key, &size, &version);
    if (status != EFI_BUFFER_TOO_SMALL)
        return status;
    /* Room for the map to grow a lot while the kernel's stub allocates. */
    scratch_bytes = bytes * 4 + 64 * size;
    scratch = AllocatePool(scratch_bytes);
    if (scratch == NULL)
        return EFI_OUT_OF_RESOURCES;

    firmware_get_memory_map = BS->GetMemoryMap;
    BS->GetMemoryMap = mirrored_get_memory_map;
    BS->Hdr.CRC32 = 0;
    uefi_call_wrapper(BS->CalculateCrc32, 3, BS, BS->Hdr.HeaderSize, &BS->Hdr.CRC32);
    return EFI_SUCCESS;
}

/* gnu-efi's crt0 calls efi_main with the System V ABI, so it is not EFIAPI. */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
    EFI_LOADED_IMAGE *self, *child;
    CHAR8 *config;
    UINTN config_length = 0;
    CHAR16 *kernel = NULL, *cmdline = NULL;
    EFI_HANDLE kernel_image;
    EFI_STATUS status;

    InitializeLib(image, systab);
    status = uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol, (void **)&self);
    if (EFI_ERROR(status))
        return status;
    config = AllocatePool(MAX_CONFIG_BYTES);
    if (config == NULL)
        return EFI_OUT_OF_RESOURCES;
    status = read_config(self->DeviceHandle, config, &config_length);
    if (EFI_ERROR(status)) {
        Print(L"mirrorshim: cannot read %s: %r\n", CONFIG_PATH, status);
        return status;
    }
    status = parse_config(config, config_length, &kernel, &cmdline);
    if (EFI_ERROR(status)) {
        Print(L"mirrorshim: %s needs kernel= and cmdline= lines\n", CONFIG_PATH);
        return status;
    }
    for (UINTN i = 0; i < range_count; i++)
        Print(L"mirrorshim: MORE_RELIABLE on [0x%lX-0x%lX]\n", ranges[i].first, ranges[i].last);
    if (mmio_no_wc)
        Print(L"mirrorshim: EFI_MEMORY_WC cleared on MemoryMappedIO descriptors\n");

    EFI_DEVICE_PATH *path = FileDevicePath(self->DeviceHandle, kernel);
    status = uefi_call_wrapper(BS->LoadImage, 6, FALSE, image, path, NULL, 0, &kernel_image);
    if (EFI_ERROR(status)) {
        Print(L"mirrorshim: LoadImage %s: %r\n", kernel, status);
        return status;
    }
    status = uefi_call_wrapper(BS->HandleProtocol, 3, kernel_image, &LoadedImageProtocol, (void **)&child);
    if (EFI_ERROR(status))
        return status;
    child->LoadOptions = cmdline;
    child->LoadOptionsSize = (UINT32)((StrLen(cmdline) + 1) * sizeof(CHAR16));

    if (range_count > 0 || mmio_no_wc) {
        status = hook_get_memory_map();
        if (EFI_ERROR(status)) {
            Print(L"mirrorshim: cannot hook GetMemoryMap: %r\n", status);
            return status;
        }
    }
    Print(L"mirrorshim: starting %s %s\n", kernel, cmdline);
    status = uefi_call_wrapper(BS->StartImage, 3, kernel_image, NULL, NULL);
    Print(L"mirrorshim: kernel returned %r\n", status);
    return status;
}
