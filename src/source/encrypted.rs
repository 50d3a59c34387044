//! Workbooks saved with a password. Excel encrypts an .xlsx into an OLE2 compound
//! file (CFB) holding an `EncryptionInfo` and an `EncryptedPackage` stream instead
//! of the zip; a legacy .xls keeps its `Workbook` stream but starts it with a
//! FILEPASS record (calamine reports that one). Either way the file is not damaged:
//! the user has to remove the password.

const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector numbers at or above this are markers (end of chain, free …).
const MAX_SECTOR: u32 = 0xFFFF_FFFA;
/// Directory sectors read at most (a damaged chain must not loop).
const MAX_DIR_SECTORS: usize = 4096;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The names in a compound file's directory, in directory order; `None` when the
/// bytes are not a readable compound file (the workbook reader then says why).
pub(crate) fn compound_file_names(bytes: &[u8]) -> Option<Vec<String>> {
    if !bytes.starts_with(&SIGNATURE) {
        return None;
    }
    let shift = u16_at(bytes, 30)?;
    if shift != 9 && shift != 12 {
        return None;
    }
    let size = 1usize << shift;
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize + 1).checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };
    // The FAT: its first 109 sectors are listed in the header (enough for a
    // directory near the start, which is where writers put it).
    let mut fat = Vec::new();
    for i in 0..109 {
        let id = u32_at(bytes, 76 + i * 4)?;
        if id >= MAX_SECTOR {
            continue;
        }
        let s = sector(id)?;
        fat.extend(
            s.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
        );
    }
    let mut names = Vec::new();
    let mut id = u32_at(bytes, 48)?;
    let mut read = 0;
    while id < MAX_SECTOR && read < MAX_DIR_SECTORS {
        for entry in sector(id)?.chunks_exact(128) {
            let len = (u16_at(entry, 64)? as usize).min(64);
            if entry[66] == 0 || len < 2 {
                continue;
            }
            let units: Vec<u16> = entry[..len - 2]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            names.push(String::from_utf16_lossy(&units));
        }
        id = *fat.get(id as usize)?;
        read += 1;
    }
    Some(names)
}

/// Whether `bytes` are an Office document encrypted with a password (an encrypted
/// OOXML package: `EncryptionInfo` beside `EncryptedPackage`).
pub(crate) fn is_encrypted_package(bytes: &[u8]) -> bool {
    compound_file_names(bytes).is_some_and(|names| {
        names
            .iter()
            .any(|n| n == "EncryptionInfo" || n == "EncryptedPackage")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_xls_is_a_compound_file_without_encryption() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/khach_hang.xls");
        let bytes = std::fs::read(path).unwrap();
        let names = compound_file_names(&bytes).unwrap();
        assert!(names.iter().any(|n| n == "Workbook"), "{names:?}");
        assert!(!is_encrypted_package(&bytes));
    }

    #[test]
    fn anything_else_is_not_a_compound_file() {
        assert_eq!(compound_file_names(b"Ma KH,Ten\n"), None);
        assert_eq!(compound_file_names(&SIGNATURE), None);
        let mut cut = SIGNATURE.to_vec();
        cut.resize(600, 0xFF);
        assert!(!is_encrypted_package(&cut));
    }
}
